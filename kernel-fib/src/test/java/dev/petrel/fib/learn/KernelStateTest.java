package dev.petrel.fib.learn;

import static dev.petrel.fib.learn.K.addr;
import static dev.petrel.fib.learn.K.adminDown;
import static dev.petrel.fib.learn.K.blackhole;
import static dev.petrel.fib.learn.K.dev;
import static dev.petrel.fib.learn.K.ip;
import static dev.petrel.fib.learn.K.noCarrier;
import static dev.petrel.fib.learn.K.p;
import static dev.petrel.fib.learn.K.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import java.net.Inet6Address;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelStateTest {
    private final KernelState s = new KernelState();

    @Test
    void resetReplacesEverythingAndAnswers() {
        s.reset(List.of(up(1, "lo"), up(2, "eth0"), noCarrier(3, "eth1")),
                List.of(addr(2, "10.255.1.2", 24), addr(3, "192.168.9.1", 24), addr(1, "127.0.0.1", 8)),
                List.of(blackhole("10.244.1.0/26", 80)));
        assertEquals("eth0", s.interfaceName(2));
        assertNull(s.interfaceName(9));
        assertTrue(s.linkOperational(2));
        assertFalse(s.linkOperational(3), "no carrier");
        assertFalse(s.linkOperational(9), "unknown");
        assertTrue(s.isOwnAddress(ip("10.255.1.2")));
        assertTrue(s.isOwnAddress(ip("192.168.9.1")), "an address is ours whatever its link does");
        assertFalse(s.isOwnAddress(ip("10.255.1.3")));
        assertEquals(List.of(new ConnectedSubnet(p("10.255.1.0/24"), 2, ip("10.255.1.2")),
                new ConnectedSubnet(p("127.0.0.0/8"), 1, ip("127.0.0.1"))), s.connectedSubnets(),
                "operational links only, by prefix");
        assertEquals(1, s.routes(p("10.244.1.0/26")).size());

        Set<dev.petrel.wire.nlri.Prefix> touched = s.reset(List.of(up(2, "eth0")), List.of(), List.of());
        assertTrue(touched.containsAll(Set.of(p("10.244.1.0/26"), p("10.255.1.0/24"), p("192.168.9.0/24"))));
        assertFalse(s.isOwnAddress(ip("10.255.1.2")));
        assertEquals(0, s.routeCount());
    }

    @Test
    void routeEventsReplaceByKernelKey() {
        KernelRoute a = dev("10.244.1.5/32", 7, 80);
        assertEquals(Set.of(p("10.244.1.5/32")), s.apply(new KernelEvent.RouteAdded(a)));
        KernelRoute replaced = new KernelRoute(a.prefix(), a.table(), 4, a.type(), a.scope(), a.priority(),
                a.nextHops(), null);
        s.apply(new KernelEvent.RouteAdded(replaced));
        assertEquals(List.of(replaced), s.routes(a.prefix()), "same table/prefix/metric: a replacement");
        KernelRoute metric100 = K.via("10.244.1.5/32", "10.255.1.1", 2, 4, 254, 100);
        s.apply(new KernelEvent.RouteAdded(metric100));
        assertEquals(2, s.routes(a.prefix()).size(), "another metric is another route");
        s.apply(new KernelEvent.RouteDeleted(a));
        assertEquals(List.of(metric100), s.routes(a.prefix()));
        s.apply(new KernelEvent.RouteDeleted(a));
        assertEquals(1, s.routeCount(), "deleting what is gone is harmless");
    }

    @Test
    void filteredStateForgetsRoutesAndReplacementsItDoesNotKeep() {
        KernelState only80 = new KernelState(r -> r.protocol() == 80);
        KernelRoute a = blackhole("10.244.1.0/26", 80);
        only80.apply(new KernelEvent.RouteAdded(a));
        only80.apply(new KernelEvent.RouteAdded(blackhole("10.244.2.0/26", 186)));
        assertEquals(1, only80.routeCount());
        only80.apply(new KernelEvent.RouteAdded(blackhole("10.244.1.0/26", 186)));
        assertEquals(0, only80.routeCount(), "the kernel replaced it: the old one is gone either way");
    }

    @Test
    void adminDownFlushesRoutesOnlyThroughTheLinkCarrierLossKeepsThem() {
        KernelRoute pod = dev("10.244.1.5/32", 7, 80);
        KernelRoute ecmp = K.route("10.50.0.0/16", 254, 4, Rtnl.RTN_UNICAST, 0, List.of(
                new KernelNextHop(ip("10.255.1.1"), 7, false, 1), new KernelNextHop(ip("10.255.2.1"), 8, false, 1)));
        KernelRoute hole = blackhole("10.244.1.0/26", 80);
        s.reset(List.of(up(7, "cali1"), up(8, "eth1")), List.of(addr(7, "169.254.1.1", 32)),
                List.of(pod, ecmp, hole));

        Set<dev.petrel.wire.nlri.Prefix> touched = s.apply(new KernelEvent.LinkChanged(noCarrier(7, "cali1")));
        assertEquals(Set.of(p("10.244.1.5/32"), p("10.50.0.0/16"), p("169.254.1.1/32")), touched);
        assertEquals(3, s.routeCount(), "carrier loss keeps routes");

        s.apply(new KernelEvent.LinkChanged(adminDown(7, "cali1")));
        assertEquals(List.of(), s.routes(pod.prefix()), "flushed with the link, no RTM_DELROUTE needed");
        assertEquals(List.of(ecmp), s.routes(ecmp.prefix()), "another hop still works");
        assertEquals(List.of(hole), s.routes(hole.prefix()));
        assertTrue(s.isOwnAddress(ip("169.254.1.1")), "IPv4 addresses stay on a downed link");

        s.apply(new KernelEvent.RouteDeleted(pod));
        assertEquals(2, s.routeCount());
    }

    @Test
    void linkDeletedTakesItsAddressesAndRoutes() {
        s.reset(List.of(up(7, "cali1")), List.of(addr(7, "10.1.1.1", 24)), List.of(dev("10.244.1.5/32", 7, 80)));
        s.apply(new KernelEvent.LinkDeleted(up(7, "cali1")));
        assertNull(s.link(7));
        assertFalse(s.isOwnAddress(ip("10.1.1.1")));
        assertEquals(0, s.routeCount());
    }

    @Test
    void addressEventsAndScopedAddresses() throws Exception {
        s.apply(new KernelEvent.LinkChanged(up(2, "eth0")));
        Inet6Address scoped = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 2);
        assertEquals(Set.of(p("fe80::/64")),
                s.apply(new KernelEvent.AddressAdded(new dev.petrel.fib.kernel.KernelAddress(2, scoped, 64))));
        assertTrue(s.isOwnAddress(ip("fe80::1")), "scope is not part of the address");
        assertEquals(2, s.ownAddress(ip("fe80::1")).ifindex());
        s.apply(new KernelEvent.AddressAdded(addr(2, "2001:db8::5", 64)));
        assertEquals(2, s.addresses().size());
        s.apply(new KernelEvent.AddressDeleted(addr(2, "fe80::1", 64)));
        assertFalse(s.isOwnAddress(ip("fe80::1")));
        assertEquals(List.of(new ConnectedSubnet(p("2001:db8::/64"), 2, ip("2001:db8::5"))), s.connectedSubnets());
        assertEquals(Set.of(), s.apply(new KernelEvent.Overrun()));
    }
}
