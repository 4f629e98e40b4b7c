package dev.petrel.wire.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Framing;
import dev.petrel.wire.SessionContext;

/**
 * Fuzzes a stream of messages on an established session ({@link FuzzOracles#ESTABLISHED}: 4-octet AS, ADD-PATH in
 * both families, extended messages, eBGP): frames are cut with {@link Framing#check}, the way the session's frame
 * decoder cuts them, and each is decoded with the oracles of {@link FuzzOracles} until the first reset.
 */
class StreamFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void stream(byte[] input) {
        SessionContext ctx = FuzzOracles.ESTABLISHED;
        int p = 0;
        while (p < input.length) {
            int len = Framing.check(input, p, input.length - p, ctx.maxMessageLength());
            if (len == Framing.NEED_MORE || len > input.length - p) {
                return; // wait for more octets: the stream ends here
            }
            if (len < 0) {
                // A bad header: the session resets. The decoder must say the same, with a NOTIFICATION.
                int available = Math.min(input.length - p, ctx.maxMessageLength());
                DecodeResult r = FuzzOracles.check(input, p, available, ctx);
                if (!r.isReset()) {
                    throw new AssertionError("Framing.check says " + len + " but the decoder accepted " + r);
                }
                return;
            }
            DecodeResult r = FuzzOracles.check(input, p, len, ctx);
            if (r.isReset()) {
                return;
            }
            p += len;
        }
    }
}
