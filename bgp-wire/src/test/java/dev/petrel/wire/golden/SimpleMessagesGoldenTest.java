package dev.petrel.wire.golden;

import static dev.petrel.wire.golden.Golden.MARKER;
import static dev.petrel.wire.golden.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.SessionContext;
import org.junit.jupiter.api.Test;

/** KEEPALIVE (RFC 4271 §4.4), NOTIFICATION (§4.5, RFC 9003, RFC 8538) and ROUTE-REFRESH (RFC 2918, RFC 7313). */
class SimpleMessagesGoldenTest {
    private static final SessionContext CTX = SessionContext.INITIAL;

    @Test
    void keepalive() {
        String hex = MARKER
                + "0013" // length 19: the header alone
                + "04"; // type 4 KEEPALIVE
        assertGolden(hex, Keepalive.INSTANCE, CTX);
    }

    @Test
    void notificationWithoutData() {
        String hex = MARKER
                + "0015" // length 21
                + "03" // type 3 NOTIFICATION
                + "04" // error code 4 Hold Timer Expired
                + "00"; // subcode 0
        assertGolden(hex, new Notification(Notification.HOLD_TIMER_EXPIRED, 0), CTX);
    }

    @Test
    void notificationWithData() {
        String hex = MARKER
                + "0017" // length 23
                + "03" // NOTIFICATION
                + "02" // OPEN Message Error
                + "02" // Bad Peer AS
                + "fde9"; // data: the offending My AS, 65001
        assertGolden(hex, new Notification(2, 2, Bytes.ofHex("fde9")), CTX);
    }

    @Test
    void ceaseAdministrativeShutdownWithCommunication() {
        String hex = MARKER
                + "0021" // length 33 = 19 + 2 + 1 + 11
                + "03" // NOTIFICATION
                + "06" // Cease
                + "02" // Administrative Shutdown
                + "0b" // RFC 9003 §2: Shutdown Communication length 11
                + "6d61696e74656e616e6365"; // "maintenance", UTF-8
        Notification n = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "maintenance");
        assertGolden(hex, n, CTX);
        Notification.ShutdownCommunication sc = ((Notification) MessageDecoder.decode(Golden.hex(hex), CTX).message())
                .shutdownCommunication();
        assertTrue(sc.valid());
        assertEquals("maintenance", sc.text());
        assertEquals(0, sc.trailing().length());
    }

    @Test
    void shutdownCommunicationLengthCountsUtf8Octets() {
        String hex = MARKER
                + "001e" // length 30 = 19 + 2 + 1 + 8
                + "03" // NOTIFICATION
                + "06" // Cease
                + "02" // Administrative Shutdown
                + "08" // length 8: "Störung" is 7 characters but 8 octets
                + "53" + "74" + "c3b6" + "72" + "75" + "6e" + "67"; // S t ö r u n g
        Notification n = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "Störung");
        assertGolden(hex, n, CTX);
        assertEquals("Störung", n.shutdownCommunication().text());
    }

    @Test
    void hardResetWrapsTheReason() {
        String hex = MARKER
                + "0017" // length 23
                + "03" // NOTIFICATION
                + "06" // Cease
                + "09" // Hard Reset (RFC 8538 §3)
                + "04" // data: the reason's error code, Hold Timer Expired
                + "00"; // and its subcode
        Notification n = Notification.hardReset(new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
        assertGolden(hex, n, CTX);
        Notification decoded = (Notification) MessageDecoder.decode(Golden.hex(hex), CTX).message();
        assertEquals(new Notification(Notification.HOLD_TIMER_EXPIRED, 0), decoded.hardResetReason());
        assertNull(decoded.shutdownCommunication());
    }

    @Test
    void hardResetWrappingAShutdownCommunication() {
        String hex = MARKER
                + "001b" // length 27
                + "03" // NOTIFICATION
                + "06" // Cease
                + "09" // Hard Reset
                + "06" // reason code: Cease
                + "02" // reason subcode: Administrative Shutdown
                + "03" // the reason's data: Shutdown Communication length 3
                + "627965"; // "bye"
        Notification reason = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "bye");
        Notification n = Notification.hardReset(reason);
        assertGolden(hex, n, CTX);
        Notification decoded = (Notification) MessageDecoder.decode(Golden.hex(hex), CTX).message();
        assertEquals(reason, decoded.hardResetReason());
        assertEquals("bye", decoded.hardResetReason().shutdownCommunication().text());
    }

    @Test
    void routeRefreshIpv4() {
        String hex = MARKER
                + "0017" // length 23
                + "05" // type 5 ROUTE-REFRESH
                + "0001" // AFI 1 IPv4
                + "00" // RFC 7313 §3: subtype 0, a normal request (RFC 2918's reserved octet)
                + "01"; // SAFI 1 unicast
        assertGolden(hex, new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.NORMAL), CTX);
    }

    @Test
    void routeRefreshIpv6() {
        String hex = MARKER
                + "0017" // length 23
                + "05" // ROUTE-REFRESH
                + "0002" // AFI 2 IPv6
                + "00" // normal request
                + "01"; // SAFI 1
        assertGolden(hex, new RouteRefresh(Family.IPV6_UNICAST, RouteRefresh.NORMAL), CTX);
    }

    @Test
    void beginningOfRouteRefreshIpv6() {
        String hex = MARKER
                + "0017" // length 23
                + "05" // ROUTE-REFRESH
                + "0002" // AFI 2 IPv6
                + "01" // subtype 1: BoRR (RFC 7313 §3)
                + "01"; // SAFI 1
        RouteRefresh r = new RouteRefresh(Family.IPV6_UNICAST, RouteRefresh.BORR);
        assertGolden(hex, r, CTX);
        assertEquals("BoRR", r.subtypeName());
    }

    @Test
    void endOfRouteRefreshIpv6() {
        String hex = MARKER
                + "0017" // length 23
                + "05" // ROUTE-REFRESH
                + "0002" // AFI 2 IPv6
                + "02" // subtype 2: EoRR (RFC 7313 §3)
                + "01"; // SAFI 1
        RouteRefresh r = new RouteRefresh(Family.IPV6_UNICAST, RouteRefresh.EORR);
        assertGolden(hex, r, CTX);
        assertEquals("EoRR", r.subtypeName());
    }

    @Test
    void endOfRouteRefreshIpv4() {
        String hex = MARKER
                + "0017" // length 23
                + "05" // ROUTE-REFRESH
                + "0001" // AFI 1 IPv4
                + "02" // EoRR
                + "01"; // SAFI 1
        assertGolden(hex, new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.EORR), CTX);
    }
}
