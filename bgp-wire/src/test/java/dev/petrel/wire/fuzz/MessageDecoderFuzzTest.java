package dev.petrel.wire.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link dev.petrel.wire.MessageDecoder#decode} with the oracles of {@link FuzzOracles}.
 *
 * <p>Input layout: the first octet selects the session context ({@link FuzzOracles#context}) and, with its top bit,
 * whether the harness writes the marker and the length itself ({@link FuzzOracles#message}); the rest is the
 * message. See {@code package-info.java} for how to run it.
 */
class MessageDecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] msg = FuzzOracles.message(input);
        if (msg.length == 0) {
            return; // decode(buf, off, 0) is fine too, but says nothing the 1-octet case does not
        }
        FuzzOracles.check(msg, FuzzOracles.context(input[0] & 0xff));
    }
}
