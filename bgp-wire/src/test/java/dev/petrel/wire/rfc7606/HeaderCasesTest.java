package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Framing;
import dev.petrel.wire.Update;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases 1-4: the message header (RFC 4271 §6.1) and partial messages. */
class HeaderCasesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 15})
    void case01_markerNotAllOnes(int position) {
        byte[] keepalive = message(4, new byte[0], -1);
        keepalive[position] = (byte) 0xfe;
        assertReset(decode(keepalive, EBGP), 1, 1, "");

        byte[] update = UpdateBytes.standard().nlri(P1).bytes();
        update[position] = 0x00;
        assertReset(decode(update, EBGP), 1, 1);
    }

    @Test
    void case01_markerAllZero() {
        byte[] keepalive = message(4, new byte[0], -1);
        Arrays.fill(keepalive, 0, 16, (byte) 0);
        assertReset(decode(keepalive, EBGP), 1, 1);
    }

    @Test
    void case02_lengthBelowHeader() {
        assertReset(decode(message(4, new byte[0], 18), EBGP), 1, 2, "0012");
        assertReset(decode(message(4, new byte[0], 0), EBGP), 1, 2, "0000");
        // Fewer octets than a header at all: the data is the number of octets there were.
        assertReset(decode(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, EBGP), 1, 2, "000a");
    }

    @Test
    void case02_lengthBelowTheTypesMinimum() {
        assertReset(decode(message(1, UpdateBytes.hex("04fde9005a0a000001"), -1), EBGP), 1, 2, "001c"); // OPEN 28
        assertReset(decode(message(2, UpdateBytes.hex("000000"), -1), EBGP), 1, 2, "0016"); // UPDATE 22
        assertReset(decode(message(4, UpdateBytes.hex("00"), -1), EBGP), 1, 2, "0014"); // KEEPALIVE 20
        assertReset(decode(message(3, UpdateBytes.hex("06"), -1), EBGP), 1, 2, "0014"); // NOTIFICATION 20
        assertReset(decode(message(5, UpdateBytes.hex("000100"), -1), EBGP), 1, 2, "0016"); // ROUTE-REFRESH 22
    }

    @Test
    void case02_lengthAbove4096UnlessExtendedMessagesWereNegotiated() {
        byte[] big = updateOfLength(4097);
        assertEquals(4097, big.length);
        assertReset(decode(big, EBGP), 1, 2, "1001");
        Update u = assertUpdate(decode(big, EBGP.withExtendedMessage(true)), ErrorAction.NONE);
        assertEquals(prefixes(P1), u.nlri().toList());
        assertUpdate(decode(updateOfLength(4096), EBGP), ErrorAction.NONE);
    }

    @Test
    void case02_lengthFieldDisagreesWithTheFrame() {
        byte[] keepalive = message(4, new byte[0], -1);
        byte[] longer = Arrays.copyOf(keepalive, 30);
        assertReset(decode(longer, EBGP), 1, 2, "0013");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 7, 128, 255})
    void case03_unknownMessageType(int type) {
        assertReset(decode(message(type, new byte[0], -1), EBGP), 1, 3, String.format("%02x", type));
        assertReset(decode(message(type, UpdateBytes.hex("00000000"), -1), EBGP), 1, 3,
                String.format("%02x", type));
    }

    @Test
    void case04_partialMessageYieldsNothing() {
        byte[] whole = UpdateBytes.standard().nlri(P1, P2).bytes();
        for (int n = 0; n < Framing.HEADER_LENGTH; n++) {
            assertEquals(Framing.NEED_MORE, Framing.check(whole, 0, n, Framing.MAX_LENGTH));
        }
        int half = whole.length / 2;
        // The header frames the whole message, more than has arrived: a stream reader waits for the rest.
        int framed = Framing.check(whole, 0, half, Framing.MAX_LENGTH);
        assertEquals(whole.length, framed);
        assertTrue(framed > half);
        // Decoding the fragment anyway yields no message, so nothing of it can be applied.
        DecodeResult r = decode(Arrays.copyOf(whole, half), EBGP);
        assertReset(r, 1, 2, String.format("%04x", whole.length));
        // session layer: the frame decoder emits only whole messages, and a closed connection is TcpConnectionFails in
        // fsm SessionFsmTest; the partial buffer dies with the channel — on FIN/RST nothing applied, FSM to Idle.
    }

    /** A well-formed UPDATE of exactly {@code length} octets, padded with an unknown optional transitive attribute. */
    static byte[] updateOfLength(int length) {
        int base = UpdateBytes.standard().nlri(P1).bytes().length;
        int pad = length - base - 4; // the padding attribute's header has an extended length
        return UpdateBytes.standard().attr(UpdateBytes.OPT_TRANS | UpdateBytes.EXT_LEN, 0xfe, new byte[pad])
                .nlri(P1).bytes();
    }
}
