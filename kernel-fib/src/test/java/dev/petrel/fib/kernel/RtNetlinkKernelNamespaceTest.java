package dev.petrel.fib.kernel;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link RtNetlinkKernel} against a real kernel, in a namespace of its own with a veth pair (a0: 10.255.1.1/24 and
 * fd00:255:1::1/64, a1: 10.255.2.1/24).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtNetlinkKernelNamespaceTest {
    TestNamespace ns;
    RtNetlinkKernel kernel;
    int a0;
    int a1;

    @BeforeAll
    void setUp() throws Exception {
        TestNamespace.assumeUsable();
        ns = TestNamespace.create();
        try {
            ns.ip("link", "add", "a0", "type", "veth", "peer", "name", "a1");
            ns.ip("link", "set", "lo", "up");
            ns.ip("link", "set", "a0", "up");
            ns.ip("link", "set", "a1", "up");
            ns.ip("addr", "add", "10.255.1.1/24", "dev", "a0");
            ns.ip("addr", "add", "10.255.2.1/24", "dev", "a1");
            ns.ip("-6", "addr", "add", "fd00:255:1::1/64", "dev", "a0", "nodad");
            kernel = RtNetlinkKernel.open(ns.name, 1 << 20);
            for (KernelLink l : kernel.links()) {
                if (l.name().equals("a0")) {
                    a0 = l.index();
                } else if (l.name().equals("a1")) {
                    a1 = l.index();
                }
            }
            assertTrue(a0 > 0 && a1 > 0, "links dump names both veth ends");
        } catch (Throwable t) {
            tearDown();
            throw t;
        }
    }

    @AfterAll
    void tearDown() {
        if (kernel != null) {
            kernel.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @BeforeEach
    void drainMonitor() throws KernelException {
        kernel.poll(0, e -> {});
        unmatched.clear();
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static KernelRoute bgp(String prefix, int metric, KernelNextHop... hops) {
        return new KernelRoute(Prefix.parse(prefix), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST,
                Rtnl.RT_SCOPE_UNIVERSE, metric, List.of(hops), null);
    }

    static List<KernelOp> installs(List<KernelRoute> routes) {
        return routes.stream().<KernelOp>map(KernelOp.Install::new).toList();
    }

    static List<KernelOp> removes(List<KernelRoute> routes) {
        return routes.stream().<KernelOp>map(KernelOp.Remove::new).toList();
    }

    KernelRoute find(KernelRoute wanted) throws KernelException {
        for (KernelRoute r : kernel.routes()) {
            if (r.key().equals(wanted.key())) {
                return r;
            }
        }
        return null;
    }

    @Test
    void installDumpAndRemove() throws Exception {
        List<KernelRoute> wanted = List.of(
                bgp("10.255.100.0/24", 0, KernelNextHop.via(ip("10.255.1.2"))),
                bgp("10.255.101.0/24", 0, KernelNextHop.via(ip("10.255.1.2")),
                        new KernelNextHop(ip("10.255.2.2"), 0, false, 2)),
                new KernelRoute(Prefix.parse("10.255.102.0/24"), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP,
                        Rtnl.RTN_BLACKHOLE, 0, 0, List.of(), null),
                bgp("fd00:255:100::/48", 50, KernelNextHop.via(ip("fd00:255:1::2"))),
                new KernelRoute(Prefix.parse("10.255.103.0/24"), 1000, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 7,
                        List.of(new KernelNextHop(ip("10.255.1.9"), a0, false, 1)), ip("10.255.1.1")),
                bgp("10.255.104.0/24", 0, new KernelNextHop(ip("fd00:255:1::2"), a0, false, 1)));
        List<KernelError> errors = kernel.write(installs(wanted));
        assertEquals(java.util.Collections.nCopies(wanted.size(), null), errors);

        for (KernelRoute w : wanted) {
            KernelRoute got = find(w);
            assertNotNull(got, "dump lacks " + w);
            assertTrue(w.sameForwarding(got), "wrote " + w + ", dump says " + got);
        }
        String v4 = ns.ip("route", "show", "proto", "186");
        assertTrue(v4.contains("10.255.100.0/24 via 10.255.1.2 dev a0"), v4);
        assertTrue(v4.contains("10.255.101.0/24"), v4);
        assertTrue(v4.contains("nexthop via 10.255.2.2 dev a1 weight 2"), v4);
        assertTrue(v4.contains("blackhole 10.255.102.0/24"), v4);
        assertTrue(v4.contains("10.255.104.0/24 via inet6 fd00:255:1::2 dev a0"), v4);
        String v6 = ns.ip("-6", "route", "show", "proto", "186");
        assertTrue(v6.contains("fd00:255:100::/48 via fd00:255:1::2 dev a0") && v6.contains("metric 50"), v6);
        String t1000 = ns.ip("route", "show", "table", "1000");
        assertTrue(t1000.contains("10.255.103.0/24 via 10.255.1.9 dev a0 proto bgp src 10.255.1.1 metric 7"), t1000);

        // installing again replaces, not fails
        assertEquals(java.util.Collections.nCopies(wanted.size(), null), kernel.write(installs(wanted)));

        assertEquals(java.util.Collections.nCopies(wanted.size(), null), kernel.write(removes(wanted)));
        for (KernelRoute w : wanted) {
            assertNull(find(w), "still there: " + w);
        }
        assertEquals("", ns.ip("route", "show", "proto", "186").trim());
    }

    @Test
    void unreachableGatewayFailsWithTheKernelsExplanation() throws Exception {
        KernelRoute good = bgp("10.255.110.0/24", 0, KernelNextHop.via(ip("10.255.1.2")));
        KernelRoute bad = bgp("10.255.111.0/24", 0, KernelNextHop.via(ip("10.255.99.1")));
        List<KernelError> errors = kernel.write(installs(List.of(good, bad)));
        assertNull(errors.get(0), "the good route of the batch goes in");
        assertEquals(KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway"), errors.get(1));
        assertNotNull(find(good));
        assertNull(find(bad));
        assertEquals(java.util.Arrays.asList(null, null), kernel.write(removes(List.of(good, bad))),
                "removing a route that is not there succeeds");
    }

    /**
     * 6,000 ops, several datagrams, with failures spread over them (first op, last op, around where datagrams are
     * cut, in runs): exactly those report the kernel's error and everything else went in. Only the last request
     * of a datagram is acknowledged, so this is what shows that errors are matched to their ops.
     */
    @Test
    void mixedBatchReportsExactlyTheFailures() throws Exception {
        int n = 6_000;
        List<KernelRoute> good = hostRoutes(0x0aff4000, n); // 10.255.64.0 ..
        List<KernelOp> ops = new ArrayList<>(installs(good));
        KernelError unreachable = KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway");
        // what the kernel says to an install into an interface that does not exist, asked alone
        KernelOp intoNothing = new KernelOp.Install(bgp("10.255.63.0/24", 0, new KernelNextHop(null, 999_999, false, 1)));
        KernelError noDevice = kernel.write(List.of(intoNothing)).get(0);
        assertNotNull(noDevice);
        assertEquals(KernelError.ENODEV, noDevice.errno(), noDevice.toString());
        java.util.Map<Integer, KernelError> expected = new java.util.TreeMap<>();
        java.util.Set<Integer> absent = new java.util.TreeSet<>();
        // a 64 KiB datagram holds 1,260 of these installs (52 bytes; removes are 44): ops 0..1259, 1260..2519, ...
        int[] unreachableAt = {0, 1, 2, 500, 1000, 1001, 1258, 1259, 1260, 1261, 2520, 3333, 4444, 5998, 5999};
        for (int i : unreachableAt) {
            ops.set(i, new KernelOp.Install(bgp(good.get(i).prefix().toString(), 0, KernelNextHop.via(ip("10.255.99.1")))));
            expected.put(i, unreachable);
        }
        for (int i = 2500; i < 2520; i++) { // a run of failures ending a datagram: its acknowledged op fails
            ops.set(i, new KernelOp.Install(bgp(good.get(i).prefix().toString(), 0, KernelNextHop.via(ip("10.255.99.1")))));
            expected.put(i, unreachable);
        }
        for (int i : new int[] {7, 1500, 4000}) { // an interface that does not exist
            ops.set(i, new KernelOp.Install(bgp(good.get(i).prefix().toString(), 0,
                    new KernelNextHop(null, 999_999, false, 1))));
            expected.put(i, noDevice);
        }
        for (int i : new int[] {9, 1200, 5000}) { // removing what is not there counts as success
            ops.set(i, new KernelOp.Remove(bgp(good.get(i).prefix().toString(), 0, KernelNextHop.via(ip("10.255.1.2")))));
            absent.add(i);
        }
        // IPv6 metric 0 fails before it is sent; 1024, as the kernel would store it, goes in
        KernelRoute v6zero = bgp("fd00:255:200::/48", 0, KernelNextHop.via(ip("fd00:255:1::2")));
        KernelRoute v6 = bgp("fd00:255:201::/48", Rtnl.IP6_RT_PRIO_USER, KernelNextHop.via(ip("fd00:255:1::2")));
        ops.set(3000, new KernelOp.Install(v6zero));
        ops.set(3001, new KernelOp.Install(v6));
        absent.add(3000);
        try {
            List<KernelError> errors = kernel.write(ops);
            assertEquals(n, errors.size());
            for (int i = 0; i < n; i++) {
                KernelError e = errors.get(i);
                if (i == 3000) {
                    assertEquals(KernelError.EINVAL, e.errno(), "IPv6 metric 0: " + e);
                    assertTrue(e.message().contains("1024"), e.toString());
                } else if (expected.containsKey(i)) {
                    assertEquals(expected.get(i), errors.get(i), "op " + i);
                } else {
                    assertNull(e, "op " + i + " (" + ops.get(i) + ")");
                }
            }
            java.util.Set<KernelRoute.Key> present = new java.util.HashSet<>();
            for (KernelRoute r : kernel.routes()) {
                if (r.protocol() == Rtnl.RTPROT_BGP) {
                    present.add(r.key());
                }
            }
            for (int i = 0; i < n; i++) {
                KernelRoute r = ops.get(i).route();
                boolean in = !expected.containsKey(i) && !absent.contains(i);
                assertEquals(in, present.contains(r.key()), "op " + i + " " + ops.get(i) + " in the dump");
            }
            assertEquals(n - expected.size() - absent.size(), present.size(), "nothing else of ours");
            assertTrue(present.contains(new KernelRoute.Key(v6.prefix(), Rtnl.RT_TABLE_MAIN, 1024)),
                    "the IPv6 route is found under the key it was written with");
        } finally {
            List<KernelOp> cleanup = new ArrayList<>(removes(good));
            cleanup.add(new KernelOp.Remove(v6));
            assertEquals(0, count(kernel.write(cleanup)));
        }
        assertEquals(0, countBgpHostRoutes());
    }

    /**
     * 20,000 installs that all fail: the worst case for the receive buffer, an error for every request in flight.
     * Each must come back with the kernel's own error, none lost.
     */
    @Test
    void batchOfFailuresIsAnsweredInFull() throws Exception {
        List<KernelRoute> bad = new ArrayList<>();
        for (KernelRoute r : hostRoutes(0x0aff8000, 20_000)) {
            bad.add(bgp(r.prefix().toString(), 0, KernelNextHop.via(ip("10.255.99.1"))));
        }
        long t0 = System.nanoTime();
        List<KernelError> errors = kernel.write(installs(bad));
        long t1 = System.nanoTime();
        assertEquals(java.util.Collections.nCopies(bad.size(),
                KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway")), errors);
        assertEquals(0, countBgpHostRoutes());
        System.out.printf("rtnetlink batch of %d failing installs: %.1f ms%n", bad.size(), (t1 - t0) / 1e6);
    }

    /**
     * A request socket with a tiny receive buffer, and a batch whose every request fails: the errors cannot all
     * be queued, the kernel drops some and says ENOBUFS. No op may then be reported as succeeded; those whose
     * answer was lost say so, and the socket works normally afterwards.
     */
    @Test
    void lostAnswersAreNeverSuccesses() throws Exception {
        List<KernelRoute> bad = new ArrayList<>();
        for (KernelRoute r : hostRoutes(0x0aff8000, 2_000)) {
            bad.add(bgp(r.prefix().toString(), 0, KernelNextHop.via(ip("10.255.99.1"))));
        }
        KernelError unreachable = KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway");
        try (RtNetlinkKernel small = RtNetlinkKernel.open(ns.name, 4096, 4096)) {
            List<KernelError> errors = small.write(installs(bad));
            int lost = 0;
            for (int i = 0; i < errors.size(); i++) {
                KernelError e = errors.get(i);
                assertNotNull(e, "op " + i + " failed in the kernel and must not be reported as succeeded");
                if (e.equals(RtNetlinkKernel.ANSWER_LOST)) {
                    lost++;
                } else {
                    assertEquals(unreachable, e, "op " + i);
                }
            }
            System.out.printf("tiny request buffer: %d of %d answers lost%n", lost, errors.size());
            assertTrue(lost > 0, "an 8 KiB receive buffer cannot hold the errors of a full datagram");
            List<KernelRoute> fine = hostRoutes(0x0aff8000, 3_000);
            try {
                assertEquals(0, count(small.write(installs(fine))), "the socket recovers");
                assertEquals(3_000, countBgpHostRoutes());
            } finally {
                small.write(removes(fine));
            }
        }
        assertEquals(0, countBgpHostRoutes());
    }

    @Test
    void removeOfAMissingRouteSucceeds() throws Exception {
        KernelRoute missing = bgp("10.255.112.0/24", 0, KernelNextHop.via(ip("10.255.1.2")));
        KernelRoute missing6 = bgp("fd00:255:112::/48", 5, KernelNextHop.via(ip("fd00:255:1::2")));
        assertEquals(java.util.Arrays.asList(null, null), kernel.write(removes(List.of(missing, missing6))));
    }

    @Test
    void ourOwnWritesAreNotReportedBackButOthersDeletingThemIs() throws Exception {
        KernelRoute mine = bgp("10.255.121.0/24", 20, KernelNextHop.via(ip("10.255.1.2")));
        long before = kernel.echoesSkipped();
        assertEquals(java.util.Arrays.asList((KernelError) null), kernel.write(installs(List.of(mine))));
        ns.ip("route", "add", "10.255.122.0/24", "via", "10.255.1.2"); // a marker from someone else, after ours
        Prefix marker = Prefix.parse("10.255.122.0/24");
        List<KernelEvent> seen = new java.util.ArrayList<>();
        long end = System.nanoTime() + 5_000_000_000L;
        while (seen.stream().noneMatch(e -> e instanceof KernelEvent.RouteAdded a && a.route().prefix().equals(marker))
                && System.nanoTime() < end) {
            kernel.poll(200, seen::add);
        }
        assertTrue(seen.stream().anyMatch(e -> e instanceof KernelEvent.RouteAdded a && a.route().prefix().equals(marker)),
                "the marker arrives: " + seen);
        assertTrue(seen.stream().noneMatch(e -> e instanceof KernelEvent.RouteAdded a
                && a.route().prefix().equals(mine.prefix())), "our own install is not echoed: " + seen);
        assertEquals(before + 1, kernel.echoesSkipped());
        ns.ip("route", "del", "10.255.121.0/24", "proto", "186");
        await(e -> e instanceof KernelEvent.RouteDeleted d && d.route().prefix().equals(mine.prefix()));
        ns.ip("route", "del", "10.255.122.0/24");
    }

    @Test
    void monitorSeesRoutesAddedAndDeletedByOthers() throws Exception {
        ns.ip("route", "add", "10.255.120.0/24", "via", "10.255.1.2");
        Prefix p = Prefix.parse("10.255.120.0/24");
        KernelEvent added = await(e -> e instanceof KernelEvent.RouteAdded a && a.route().prefix().equals(p));
        KernelRoute r = ((KernelEvent.RouteAdded) added).route();
        assertEquals(List.of(new KernelNextHop(ip("10.255.1.2"), a0, false, 1)), r.nextHops());
        assertEquals(Rtnl.RTPROT_BOOT, r.protocol());
        ns.ip("route", "del", "10.255.120.0/24");
        await(e -> e instanceof KernelEvent.RouteDeleted d && d.route().prefix().equals(p));
    }

    @Test
    void monitorSeesLinksGoDownAndUp() throws Exception {
        ns.ip("link", "set", "a1", "down");
        await(e -> e instanceof KernelEvent.LinkChanged c && c.link().index() == a1 && !c.link().up());
        ns.ip("link", "set", "a1", "up");
        await(e -> e instanceof KernelEvent.LinkChanged c && c.link().index() == a1 && c.link().up()
                && c.link().name().equals("a1"));
    }

    @Test
    void monitorSeesAddresses() throws Exception {
        KernelAddress a = new KernelAddress(a1, ip("10.255.3.1"), 24);
        KernelAddress a6 = new KernelAddress(a1, ip("fd00:255:3::1"), 64);
        ns.ip("addr", "add", "10.255.3.1/24", "dev", "a1");
        ns.ip("-6", "addr", "add", "fd00:255:3::1/64", "dev", "a1", "nodad");
        await(e -> e instanceof KernelEvent.AddressAdded x && x.address().equals(a));
        await(e -> e instanceof KernelEvent.AddressAdded x && x.address().equals(a6));
        assertTrue(kernel.addresses().containsAll(List.of(a, a6)));
        ns.ip("addr", "del", "10.255.3.1/24", "dev", "a1");
        await(e -> e instanceof KernelEvent.AddressDeleted x && x.address().equals(a));
        ns.ip("-6", "addr", "del", "fd00:255:3::1/64", "dev", "a1");
    }

    /** Events polled but not yet matched by {@link #await}: one poll can bring the events of two awaits. */
    final List<KernelEvent> unmatched = new ArrayList<>();

    /** Takes the first event that matches, from those already polled or by polling for up to 5 s. */
    KernelEvent await(Predicate<KernelEvent> match) throws KernelException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            for (int i = 0; i < unmatched.size(); i++) {
                if (match.test(unmatched.get(i))) {
                    return unmatched.remove(i);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching event; saw " + unmatched);
            }
            kernel.poll(200, unmatched::add);
        }
    }

    static List<KernelRoute> hostRoutes(int base, int count) throws Exception {
        InetAddress gw = ip("10.255.1.2");
        List<KernelRoute> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            routes.add(new KernelRoute(new Ipv4Prefix(base + i, 32), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP,
                    Rtnl.RTN_UNICAST, 0, 0, List.of(KernelNextHop.via(gw)), null));
        }
        return routes;
    }

    static int count(List<KernelError> errors) {
        return (int) errors.stream().filter(java.util.Objects::nonNull).count();
    }

    long countBgpHostRoutes() throws KernelException {
        return kernel.routes().stream()
                .filter(r -> r.protocol() == Rtnl.RTPROT_BGP && r.prefix().length() == 32).count();
    }

    @Test
    void batchOfTwentyThousand() throws Exception {
        measureBatch(hostRoutes(0x0aff8000, 20_000)); // 10.255.128.0 ..
    }

    /**
     * 100,000 routes: the /16 we may use holds only 65,536 host routes, so 50,000 addresses (10.255.16.0 ..
     * 10.255.211.79) each at two metrics, 10 and 20 (the kernel keys a route by prefix, table and metric).
     */
    @Test
    void batchOfOneHundredThousand() throws Exception {
        List<KernelRoute> routes = new ArrayList<>(100_000);
        for (int metric : new int[] {10, 20}) {
            for (KernelRoute r : hostRoutes(0x0aff1000, 50_000)) {
                routes.add(new KernelRoute(r.prefix(), r.table(), r.protocol(), r.type(), r.scope(), metric,
                        r.nextHops(), null));
            }
        }
        measureBatch(routes);
    }

    /** Installs and removes {@code routes} (all distinct BGP host routes) twice, printing the rates. */
    void measureBatch(List<KernelRoute> routes) throws Exception {
        int n = routes.size();
        List<KernelOp> add = installs(routes);
        List<KernelOp> del = removes(routes);
        try {
            // twice: the first round runs the encoder cold (interpreted), the second shows the steady state
            for (String round : List.of("cold", "warm")) {
                long t0 = System.nanoTime();
                List<KernelError> errors = kernel.write(add);
                long t1 = System.nanoTime();
                assertEquals(n, errors.size());
                assertEquals(0, count(errors), () -> "first error " + errors.stream().filter(e -> e != null).findFirst());
                assertEquals(n, countBgpHostRoutes());
                long t2 = System.nanoTime();
                List<KernelError> removed = kernel.write(del);
                long t3 = System.nanoTime();
                assertEquals(n, removed.size());
                assertEquals(0, count(removed));
                assertEquals(0, countBgpHostRoutes());
                System.out.printf("rtnetlink batch of %d routes (%s): install %.0f routes/s (%.1f ms), remove %.0f"
                        + " routes/s (%.1f ms)%n", n, round, n / ((t1 - t0) / 1e9), (t1 - t0) / 1e6,
                        n / ((t3 - t2) / 1e9), (t3 - t2) / 1e6);
            }
        } finally {
            kernel.write(del);
        }
    }

    @Test
    void tinyMonitorBufferOverruns() throws Exception {
        List<KernelRoute> routes = hostRoutes(0x0affd000, 5_000); // 10.255.208.0 ..
        try (RtNetlinkKernel tiny = RtNetlinkKernel.open(ns.name, 4096)) {
            tiny.poll(0, e -> {});
            try {
                assertEquals(0, count(kernel.write(installs(routes))));
                List<KernelEvent> events = new ArrayList<>();
                tiny.poll(100, events::add);
                assertTrue(events.contains(new KernelEvent.Overrun()),
                        "5,000 notifications into a 4 KiB buffer must overrun; got " + events.size() + " events");
                assertTrue(events.size() < 5_000);
            } finally {
                kernel.write(removes(routes));
            }
        }
    }

    @Test
    void nexthopObjectsGroupsAndRoutesThroughThem() throws Exception {
        assertTrue(kernel.supportsNexthopObjects(), "kernel 5.3+ has nexthop objects");
        ns.ip("nexthop", "add", "id", "5", "via", "10.255.1.9", "dev", "a0"); // someone else's
        try {
            KernelNexthopObject h1 = KernelNexthopObject.gateway(0x10000001, Rtnl.RTPROT_BGP, ip("10.255.1.2"), a0);
            KernelNexthopObject h2 = KernelNexthopObject.gateway(0x10000002, Rtnl.RTPROT_BGP, ip("10.255.2.2"), a1);
            KernelNexthopObject g = KernelNexthopObject.group(0x10000003, Rtnl.RTPROT_BGP, List.of(
                    new KernelNexthopObject.Member(h1.id(), 1), new KernelNexthopObject.Member(h2.id(), 2)));
            KernelRoute r = new KernelRoute(Prefix.parse("10.255.120.0/24"), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP,
                    Rtnl.RTN_UNICAST, Rtnl.RT_SCOPE_UNIVERSE, 20, List.of(), null, g.id());
            List<KernelError> errs = kernel.write(List.of(new KernelOp.InstallNexthop(h1),
                    new KernelOp.InstallNexthop(h2), new KernelOp.InstallNexthop(g), new KernelOp.Install(r)));
            assertEquals(java.util.Arrays.asList(null, null, null, null), errs);
            List<KernelNexthopObject> dumped = kernel.nexthops();
            assertTrue(dumped.contains(h1) && dumped.contains(h2) && dumped.contains(g), dumped.toString());
            assertTrue(dumped.stream().anyMatch(o -> o.id() == 5 && o.protocol() != Rtnl.RTPROT_BGP));
            KernelRoute back = find(r);
            assertEquals(g.id(), back.nexthopId());
            assertEquals(2, back.nextHops().size());
            assertTrue(ns.ip("route", "show", "proto", "186").contains("nhid " + g.id()));
            KernelNexthopObject missing = KernelNexthopObject.group(0x10000009, Rtnl.RTPROT_BGP, List.of(
                    new KernelNexthopObject.Member(0x10000008, 1), new KernelNexthopObject.Member(h2.id(), 1)));
            errs = kernel.write(List.of(new KernelOp.InstallNexthop(missing), new KernelOp.Remove(r),
                    new KernelOp.RemoveNexthop(g.id()), new KernelOp.RemoveNexthop(h1.id()),
                    new KernelOp.RemoveNexthop(h2.id()), new KernelOp.RemoveNexthop(0x10000007)));
            assertNotNull(errs.get(0), "a group of an unknown object fails");
            assertEquals(java.util.Arrays.asList(null, null, null, null, null), errs.subList(1, 6),
                    "removing a missing object counts as success");
            dumped = kernel.nexthops();
            assertEquals(List.of(5), dumped.stream().map(KernelNexthopObject::id).toList());
            assertNull(find(r));
        } finally {
            ns.ip("nexthop", "flush");
        }
    }
}
