package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.RouteRefresh;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NOTIFICATION-side inputs: RFC 9003 shutdown communications (BIRD CVE-2019-16159, tcpdump
 * bgp-shutdown-msg-variations.pcap), Hard Reset with a malformed inner code, ROUTE-REFRESH lengths. A received
 * NOTIFICATION is always decoded and processed normally: never a reset of its own.
 */
class NotificationCasesTest {

    private static Notification.ShutdownCommunication shutdown(int subcode, String dataHex) {
        byte[] msg = message(3, HexFormat.of().parseHex(String.format("06%02x", subcode) + dataHex.replace(" ", "")),
                -1);
        Notification n = assertMessage(decode(msg, EBGP), ErrorAction.NONE, Notification.class);
        assertEquals(6, n.code());
        assertEquals(subcode, n.subcode());
        Notification.ShutdownCommunication sc = n.shutdownCommunication();
        assertNotNull(sc);
        return sc;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void shutdownCommunicationValid(int subcode) {
        Notification.ShutdownCommunication sc = shutdown(subcode, "0b" + hex("maintenance"));
        assertTrue(sc.valid());
        assertEquals("maintenance", sc.text());
        assertEquals(Bytes.EMPTY, sc.trailing());
    }

    @Test
    void shutdownCommunicationLengthPastTheData() {
        // BIRD CVE-2019-16159: length 255, 10 octets of text.
        Notification.ShutdownCommunication sc = shutdown(2, "ff" + hex("0123456789"));
        assertFalse(sc.valid());
        assertEquals("", sc.text());
    }

    @Test
    void shutdownCommunicationInvalidUtf8() {
        assertFalse(shutdown(2, "03 41ff42").valid());
        assertFalse(shutdown(4, "02 c0af").valid()); // overlong "/"
        assertFalse(shutdown(2, "03 e282").valid()); // truncated sequence
        assertFalse(shutdown(2, "03 eda080").valid()); // a surrogate
    }

    @Test
    void shutdownCommunicationOf255Octets() {
        Notification.ShutdownCommunication sc = shutdown(2, "ff" + hex("é".repeat(127) + "x"));
        assertTrue(sc.valid());
        assertEquals(128, sc.text().length());
    }

    @Test
    void shutdownCommunicationVariations() {
        Notification.ShutdownCommunication empty = shutdown(2, "00");
        assertTrue(empty.valid());
        assertEquals("", empty.text());
        Notification.ShutdownCommunication trailing = shutdown(2, "02" + hex("hi") + "0000");
        assertTrue(trailing.valid());
        assertEquals("hi", trailing.text());
        assertEquals(Bytes.ofHex("0000"), trailing.trailing());
        // Control characters are replaced before the text can reach a log (syslog injection).
        assertEquals("A\uFFFDB", shutdown(2, "03 410a42").text());
        // Cease/2 without data has no shutdown communication, and is not an error.
        Notification bare = assertMessage(decode(message(3, "0602"), EBGP), ErrorAction.NONE, Notification.class);
        assertNull(bare.shutdownCommunication());
        // Other Cease subcodes do not carry one.
        Notification other = assertMessage(decode(message(3, "0603 02" + hex("hi")), EBGP), ErrorAction.NONE,
                Notification.class);
        assertNull(other.shutdownCommunication());
    }

    @Test
    void hardResetWithAMalformedInnerCode() {
        Notification bad = assertMessage(decode(message(3, "0609 06"), EBGP), ErrorAction.NONE, Notification.class);
        assertNull(bad.hardResetReason());
        Notification ok = assertMessage(decode(message(3, "0609 0602 03" + hex("bye")), EBGP), ErrorAction.NONE,
                Notification.class);
        assertEquals(new Notification(6, 2, Bytes.ofHex("03" + hex("bye"))), ok.hardResetReason());
    }

    @Test
    void routeRefreshWithABadLength() {
        byte[] borr = message(5, "00010101 00");
        assertReset(decode(borr, EBGP), 7, 1, HexFormat.of().formatHex(borr));
        assertReset(decode(message(5, "00010201 0000"), EBGP), 7, 1);
        RouteRefresh normal = assertMessage(decode(message(5, "00010001"), EBGP), ErrorAction.NONE,
                RouteRefresh.class);
        assertEquals(Family.IPV4_UNICAST, normal.family());
        // A subtype RFC 7313 does not define is decoded for the session to ignore.
        assertEquals(7, assertMessage(decode(message(5, "00010701"), EBGP), ErrorAction.NONE, RouteRefresh.class)
                .subtype());
    }
}
