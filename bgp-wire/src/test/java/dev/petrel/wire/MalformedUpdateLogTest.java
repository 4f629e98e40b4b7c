package dev.petrel.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MalformedUpdateLogTest {
    /** ORIGIN value 7 (RFC 7606 §7.1: treat-as-withdraw) with NLRI 10.42.7.0/24. */
    private static final String BAD_ORIGIN = "ffffffffffffffffffffffffffffffff" + "0033" + "02" + "0000" + "0018"
            + "40010107" + "40020a02020000fde90000fdec" + "4003040aff0001" + "180a2a07";

    @Test
    void namesTheProblemTheNlriAndTheWholeMessage() {
        byte[] m = HexFormat.of().parseHex(BAD_ORIGIN);
        DecodeResult r = MessageDecoder.decode(m, SessionContext.ASSUMED);
        String line = MalformedUpdateLog.line(r, m, 0, m.length, 4096);
        assertTrue(line.startsWith("malformed UPDATE: treat-as-withdraw;"), line);
        assertTrue(line.contains("ORIGIN value 7 is not 0, 1 or 2"), line);
        assertTrue(line.contains("NLRI withdrawn [10.42.7.0/24] (1);"), line);
        assertTrue(line.endsWith("message " + BAD_ORIGIN), line);
    }

    @Test
    void resetsNameTheNotificationAndLongMessagesAreBounded() {
        byte[] m = HexFormat.of().parseHex(BAD_ORIGIN.replace("0018", "0099")); // TPAL past the message: 3/1
        DecodeResult r = MessageDecoder.decode(m, SessionContext.ASSUMED);
        String line = MalformedUpdateLog.line(r, m, 0, m.length, 19);
        assertTrue(line.contains("session-reset (NOTIFICATION 3/1)"), line);
        assertTrue(line.endsWith("(32 more octets)"), line);
    }

    @Test
    void nothingToSayForAGoodMessage() {
        byte[] keepalive = HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff001304");
        assertNull(MalformedUpdateLog.line(MessageDecoder.decode(keepalive, SessionContext.ASSUMED), keepalive, 0,
                keepalive.length, 4096));
    }
}
