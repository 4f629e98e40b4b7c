package dev.petrel.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelNexthopObject;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelOp;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.rib.FibEntry;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FIB's sync logic against an in-memory kernel: ownership, restart, drift, errors, persist. */
class FibTest {
    private static final Prefix P1 = Prefix.parse("10.244.1.0/26");
    private static final Prefix P2 = Prefix.parse("10.244.2.0/26");
    private static final Prefix P6 = Prefix.parse("fd00:255:9::/64");
    private final FakeKernel kernel = new FakeKernel();
    private Fib fib;

    @AfterEach
    void close() {
        if (fib != null) {
            fib.close();
        }
    }

    private Fib start(FibSettings s, FibGuardCheck guard, String... peers) throws Exception {
        fib = new Fib(s, kernel, null, guard).start(List.of(peers));
        return fib;
    }

    private Fib start(String... peers) throws Exception {
        return start(FibSettings.DEFAULT.withVerifyInterval(Duration.ofHours(1)), null, peers);
    }

    private static FibEntry via(String... gateways) {
        return new FibEntry(java.util.Arrays.stream(gateways).map(NextHop::of).toList(), -1, "tor");
    }

    private static KernelRoute ours(Prefix p, String gw) throws Exception {
        return new KernelRoute(p, 254, 186, Rtnl.RTN_UNICAST, 0, 20, List.of(KernelNextHop.via(InetAddress.getByName(gw))),
                null);
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private RouteState state(Prefix p) throws Exception {
        FibEntryView v = fib.query(f -> f.entry(p)).get();
        return v == null ? null : v.state();
    }

    private KernelRoute inKernel(Prefix p) {
        synchronized (kernel) {
            return kernel.table.values().stream().filter(r -> r.prefix().equals(p)).findFirst().orElse(null);
        }
    }

    @Test
    void installsWithOurProtocolTableAndMetricThenRemoves() throws Exception {
        start();
        fib.changed(P1, via("10.255.1.1"));
        fib.changed(P6, via("fd00:255:1::1"));
        await("both installed", () -> inKernel(P1) != null && inKernel(P6) != null);
        KernelRoute k = inKernel(P1);
        assertEquals(186, k.protocol());
        assertEquals(254, k.table());
        assertEquals(20, k.priority());
        assertEquals(List.of(KernelNextHop.via(InetAddress.getByName("10.255.1.1"))), k.nextHops());
        assertEquals(RouteState.INSTALLED, state(P1));
        fib.changed(P1, null);
        await("removed", () -> inKernel(P1) == null);
        assertNull(state(P1), "a removed prefix leaves no entry behind");
        assertEquals(1, fib.query(Fib::counts).get().installed());
    }

    @Test
    void ipv6MetricZeroIsWrittenAsTheKernelStoresIt() throws Exception {
        start(new FibSettings(254, 186, 0, true, 16, Duration.ofSeconds(120), Duration.ofHours(1),
                Duration.ofSeconds(1), 2048), null);
        fib.changed(P1, via("10.255.1.1"));
        fib.changed(P6, via("fd00:255:1::1"));
        fib.changed(Prefix.parse("fd00:255:8::/64"), new FibEntry(List.of(NextHop.of("fd00:255:1::1")), 0, "tor"));
        fib.changed(Prefix.parse("fd00:255:7::/64"), new FibEntry(List.of(NextHop.of("fd00:255:1::1")), 7, "tor"));
        await("all installed", () -> inKernel(P1) != null && inKernel(P6) != null
                && inKernel(Prefix.parse("fd00:255:8::/64")) != null && inKernel(Prefix.parse("fd00:255:7::/64")) != null);
        assertEquals(0, inKernel(P1).priority(), "IPv4 keeps metric 0");
        assertEquals(Rtnl.IP6_RT_PRIO_USER, inKernel(P6).priority(), "IPv6 metric 0 from the settings is 1024");
        assertEquals(Rtnl.IP6_RT_PRIO_USER, inKernel(Prefix.parse("fd00:255:8::/64")).priority(),
                "IPv6 metric 0 from a policy is 1024");
        assertEquals(7, inKernel(Prefix.parse("fd00:255:7::/64")).priority());
        assertEquals(RouteState.INSTALLED, state(P6));
    }

    @Test
    void ecmpRouteHasEveryNextHopUpToMergePaths() throws Exception {
        start(new FibSettings(254, 186, 20, true, 2, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(1),
                64), null);
        fib.changed(P1, via("10.255.1.1", "10.255.2.1", "10.255.3.1"));
        await("installed", () -> inKernel(P1) != null);
        assertEquals(2, inKernel(P1).nextHops().size(), "merge-paths 2");
    }

    @Test
    void policyPriorityIsTheMetricAndAChangeMovesTheRoute() throws Exception {
        start();
        fib.changed(P1, new FibEntry(List.of(NextHop.of("10.255.1.1")), 512, "tor"));
        await("installed at 512", () -> inKernel(P1) != null && inKernel(P1).priority() == 512);
        fib.changed(P1, via("10.255.1.1"));
        await("moved to 20", () -> {
            synchronized (kernel) {
                return kernel.table.size() == 1 && inKernel(P1).priority() == 20;
            }
        });
    }

    @Test
    void neverWritesOverOrRemovesAnotherProtocolsRoute() throws Exception {
        KernelRoute staticRoute = new KernelRoute(P1, 254, Rtnl.RTPROT_STATIC, Rtnl.RTN_UNICAST, 0, 20,
                List.of(KernelNextHop.via(InetAddress.getByName("10.255.9.9"))), null);
        KernelRoute blackhole = new KernelRoute(P2, 254, Rtnl.RTPROT_BOOT, Rtnl.RTN_BLACKHOLE, 0, 0, List.of(), null);
        kernel.table.put(staticRoute.key(), staticRoute);
        kernel.table.put(blackhole.key(), blackhole);
        start();
        fib.changed(P1, via("10.255.1.1"));
        await("refused", () -> {
            try {
                return state(P1) == RouteState.REFUSED;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        FibEntryView v = fib.query(f -> f.entry(P1)).get();
        assertTrue(v.problem().contains("protocol 4"), v.problem());
        fib.changed(P2, via("10.255.1.1")); // another metric: both can live
        await("P2 installed", () -> kernel.ofProtocol(186).size() == 1);
        fib.changed(P2, null);
        await("P2 removed", () -> kernel.ofProtocol(186).isEmpty());
        assertEquals(staticRoute, kernel.table.get(staticRoute.key()));
        assertEquals(blackhole, kernel.table.get(blackhole.key()));
        for (KernelOp op : kernel.written) {
            assertEquals(186, op.route().protocol(), "only our routes are ever written");
        }
        // The static route goes away: ours may take its place now.
        kernel.externalDelete(staticRoute.key());
        await("P1 installed once the other route is gone", () -> inKernel(P1) != null && inKernel(P1).protocol() == 186);
    }

    @Test
    void restartAdoptsOurRoutesAndRemovesOnlyWhatWasNotReannouncedAfterEndOfRib() throws Exception {
        kernel.table.put(ours(P1, "10.255.1.1").key(), ours(P1, "10.255.1.1"));
        kernel.table.put(ours(P2, "10.255.1.1").key(), ours(P2, "10.255.1.1"));
        start("tor", "tor2");
        assertEquals(RouteState.STALE, state(P1));
        assertEquals(RouteState.STALE, state(P2));
        fib.changed(P1, via("10.255.1.1"));
        fib.peerConverged("tor");
        assertEquals(RouteState.INSTALLED, state(P1));
        assertEquals(RouteState.STALE, state(P2), "still waiting for tor2");
        assertEquals(Set.of("tor2"), fib.query(Fib::waitingFor).get());
        fib.peerConverged("tor2");
        await("P2 removed", () -> inKernel(P2) == null);
        assertNotNull(inKernel(P1));
        assertTrue(kernel.written.stream().noneMatch(op -> op.route().prefix().equals(P1)),
                "the adopted route was never rewritten or removed: no gap in forwarding");
    }

    @Test
    void deferralTimerEndsTheWaitForPeersThatNeverCome() throws Exception {
        kernel.table.put(ours(P2, "10.255.1.1").key(), ours(P2, "10.255.1.1"));
        start(FibSettings.DEFAULT.withConvergenceDeferral(Duration.ofMillis(200)), null, "tor");
        assertEquals(RouteState.STALE, state(P2));
        await("stale removed after the deferral", () -> inKernel(P2) == null);
        assertTrue(fib.query(Fib::counts).get().converged());
    }

    @Test
    void routeDeletedBySomeoneElseIsWrittenBack() throws Exception {
        start();
        fib.changed(P1, via("10.255.1.1"));
        await("installed", () -> inKernel(P1) != null);
        kernel.externalDelete(inKernel(P1).key());
        await("repaired", () -> inKernel(P1) != null);
        assertEquals(1, fib.query(Fib::counts).get().repairs());
    }

    @Test
    void failedWriteIsCountedShownAndRetried() throws Exception {
        start(new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofMillis(50), 64), null);
        synchronized (kernel) {
            kernel.failing.put(P1, KernelError.ENETUNREACH);
        }
        fib.changed(P1, via("10.255.1.1"));
        await("failed", () -> {
            try {
                return state(P1) == RouteState.FAILED;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        FibCounts c = fib.query(Fib::counts).get();
        assertTrue(c.errors().get("ENETUNREACH") >= 1, c.toString());
        assertTrue(fib.query(f -> f.entry(P1)).get().problem().startsWith("ENETUNREACH"));
        synchronized (kernel) {
            kernel.failing.clear();
        }
        await("retried and installed", () -> inKernel(P1) != null);
    }

    @Test
    void syncLagIsTheAgeOfTheOldestChangeTheKernelDoesNotHoldYet() throws Exception {
        start(new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofMillis(50), 64), null);
        long second = 1_000_000_000L;
        assertEquals(0, fib.syncLag(System.nanoTime() + second), "nothing asked for: in sync");
        synchronized (kernel) {
            kernel.failing.put(P1, KernelError.ENETUNREACH);
        }
        long before = System.nanoTime();
        fib.changed(P1, via("10.255.1.1"));
        // whether the FIB thread took the wish yet or not, the change is not in the kernel
        assertTrue(fib.syncLag(System.nanoTime() + second) >= second);
        await("failed", () -> {
            try {
                return state(P1) == RouteState.FAILED;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long failedSeen = System.nanoTime();
        // measured from the change, not from the failure or the retry
        assertTrue(fib.syncLag(before + 10 * second) <= 10 * second);
        assertTrue(fib.syncLag(failedSeen + 10 * second) >= 10 * second);
        fib.changed(P2, via("10.255.1.1"));
        await("P2 installed", () -> inKernel(P2) != null);
        long now = System.nanoTime();
        assertTrue(fib.syncLag(now) >= now - failedSeen, "a later change written does not hide P1's");
        synchronized (kernel) {
            kernel.failing.clear();
        }
        await("retried and installed", () -> inKernel(P1) != null);
        await("in sync", () -> fib.syncLag(System.nanoTime()) == 0);
        synchronized (kernel) {
            kernel.failing.put(P1, KernelError.EPERM);
        }
        long removal = System.nanoTime();
        fib.changed(P1, null);
        await("removal failed", () -> fib.query(Fib::counts).join().errors().containsKey("EPERM"));
        assertTrue(fib.syncLag(removal + 10 * second) <= 10 * second, "measured from the removal, not the install");
        assertTrue(fib.syncLag(System.nanoTime()) > 0);
        synchronized (kernel) {
            kernel.failing.clear();
        }
        await("removed", () -> inKernel(P1) == null);
        await("in sync after the removal", () -> fib.syncLag(System.nanoTime()) == 0);
    }

    @Test
    void lostNotificationsLeadToAFullReconcile() throws Exception {
        start();
        fib.changed(P1, via("10.255.1.1"));
        await("installed", () -> inKernel(P1) != null);
        KernelRoute stray = ours(P2, "10.255.7.7");
        synchronized (kernel) {
            kernel.table.remove(inKernel(P1).key()); // lost: no notification
            kernel.table.put(stray.key(), stray); // ours, unknown, not desired
        }
        kernel.events.add(new KernelEvent.Overrun());
        await("reconciled", () -> inKernel(P1) != null && inKernel(P2) == null);
        FibCounts c = fib.query(Fib::counts).get();
        assertEquals(1, c.overruns());
        assertEquals(2, c.reconciles(), "start + overrun");
    }

    @Test
    void guardRefusalIsKeptAndNeverWritten() throws Exception {
        start(FibSettings.DEFAULT, r -> r.prefix().equals(P1) ? "covers this node's address" : null);
        fib.changed(P1, via("10.255.1.1"));
        fib.changed(P2, via("10.255.1.1"));
        await("P2 installed", () -> inKernel(P2) != null);
        assertEquals(RouteState.REFUSED, state(P1));
        assertEquals(1, fib.query(Fib::counts).get().refused());
        assertTrue(kernel.written.stream().noneMatch(op -> op.route().prefix().equals(P1)));
    }

    @Test
    void persistLeavesRoutesAndNoPersistRemovesThem() throws Exception {
        start();
        fib.changed(P1, via("10.255.1.1"));
        await("installed", () -> inKernel(P1) != null);
        fib.close();
        fib = null;
        assertNotNull(inKernel(P1), "persist is the default");
        start(FibSettings.DEFAULT.withPersist(false), null);
        fib.changed(P1, via("10.255.1.1"));
        await("installed again", () -> fib.query(f -> f.entry(P1)).join().state() == RouteState.INSTALLED);
        fib.close();
        fib = null;
        assertNull(inKernel(P1));
    }

    @Test
    void diffComparesWithAFreshRead() throws Exception {
        start();
        fib.changed(P1, via("10.255.1.1"));
        await("installed", () -> inKernel(P1) != null);
        assertTrue(fib.query(f -> {
            try {
                return f.diff();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).get().empty());
        synchronized (kernel) {
            kernel.table.remove(inKernel(P1).key());
            kernel.table.put(ours(P2, "10.255.7.7").key(), ours(P2, "10.255.7.7"));
        }
        FibDiff d = fib.query(f -> {
            try {
                return f.diff();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }).get();
        assertEquals(List.of(P1), d.missing().stream().map(KernelRoute::prefix).toList());
        assertEquals(List.of(P2), d.extra().stream().map(KernelRoute::prefix).toList());
    }

    @Test
    void latestWishWinsUnderChurn() throws Exception {
        start();
        for (int i = 0; i < 10_000; i++) {
            fib.changed(P1, i % 2 == 0 ? via("10.255.1." + (1 + i % 200)) : null);
        }
        fib.changed(P1, via("10.255.1.250"));
        await("last one installed", () -> {
            KernelRoute k = inKernel(P1);
            return k != null && k.nextHops().get(0).gateway().getHostAddress().equals("10.255.1.250");
        });
        assertTrue(kernel.written.size() < 10_000, "coalesced: " + kernel.written.size() + " writes");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {KernelError.EEXIST, KernelError.ENODEV, KernelError.EPERM,
            KernelError.EINVAL, KernelError.ENETUNREACH})
    void everyKernelErrorIsCountedByNameAndNothingElseIsHeldUp(int errno) throws Exception {
        start();
        synchronized (kernel) {
            kernel.failing.put(P1, errno);
        }
        fib.changed(P1, via("10.255.1.1"));
        fib.changed(P2, via("10.255.1.1"));
        await("P2 installed", () -> inKernel(P2) != null);
        await("P1 failed", () -> fib.query(f -> f.entry(P1)).join().state() == RouteState.FAILED);
        FibCounts c = fib.query(Fib::counts).get();
        assertTrue(c.errors().getOrDefault(KernelError.nameOf(errno), 0L) >= 1, c.toString());
        assertEquals(1, c.installed());
    }

    @Test
    void aBrokenSocketLeadsToAReReadAndTheRoutesAreWrittenWhenItWorksAgain() throws Exception {
        start(new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofMillis(20), 64), null);
        kernel.broken = true;
        fib.changed(P1, via("10.255.1.1"));
        Thread.sleep(50); // let it fail at least once; then the socket works again
        kernel.broken = false;
        fib.changed(P2, via("10.255.1.1")); // any activity (or the retry timer) brings P1 along
        await("both installed", () -> inKernel(P1) != null && inKernel(P2) != null);
    }

    @Test
    void aLinkGoingDownLeadsToAReReadAndComingUpRetriesAtOnce() throws Exception {
        synchronized (kernel) {
            kernel.links.add(new dev.petrel.fib.kernel.KernelLink(2, "eth0", true, true));
            kernel.addresses.add(new dev.petrel.fib.kernel.KernelAddress(2, InetAddress.getByName("10.255.1.2"), 24));
        }
        start(new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofSeconds(30), 64), null);
        fib.changed(P1, via("10.255.1.1"));
        await("installed", () -> inKernel(P1) != null);
        synchronized (kernel) {
            kernel.table.remove(inKernel(P1).key()); // Linux flushes IPv4 routes of a downed link silently
            kernel.failing.put(P1, KernelError.ENETUNREACH);
            kernel.links.set(0, new dev.petrel.fib.kernel.KernelLink(2, "eth0", false, false));
        }
        kernel.events.add(new KernelEvent.LinkChanged(new dev.petrel.fib.kernel.KernelLink(2, "eth0", false, false)));
        await("noticed and failed", () -> fib.query(f -> f.entry(P1)).join().state() == RouteState.FAILED);
        synchronized (kernel) {
            kernel.failing.clear();
            kernel.links.set(0, new dev.petrel.fib.kernel.KernelLink(2, "eth0", true, true));
        }
        kernel.events.add(new KernelEvent.LinkChanged(new dev.petrel.fib.kernel.KernelLink(2, "eth0", true, true)));
        await("written back at once, not after the 30 s back-off", () -> inKernel(P1) != null);
    }

    @Test
    void aLinkLocalNextHopGoesOutOfTheSessionsInterface() throws Exception {
        InetAddress local = InetAddress.getByName("fd00:255::1");
        KernelObserver observer = new KernelObserver() {
            @Override
            public void reset(List<dev.petrel.fib.kernel.KernelLink> l, List<dev.petrel.fib.kernel.KernelAddress> a,
                    List<KernelRoute> r) {}

            @Override
            public void event(KernelEvent e) {}

            @Override
            public int interfaceOf(InetAddress ours) {
                return ours.equals(local) ? 7 : 0;
            }
        };
        fib = new Fib(FibSettings.DEFAULT, kernel, observer, null).start(List.of());
        fib.changed(P6, new FibEntry(List.of(NextHop.of("fe80::2")), -1, "tor", List.of(local)));
        await("installed", () -> inKernel(P6) != null);
        assertEquals(List.of(new KernelNextHop(InetAddress.getByName("fe80::2"), 7, false, 1)), inKernel(P6).nextHops());
        Prefix other = Prefix.parse("fd00:255:8::/64");
        fib.changed(other, new FibEntry(List.of(NextHop.of("fe80::3")), -1, "tor", List.of(
                InetAddress.getByName("fd00:255::99"))));
        await("refused: no interface", () -> fib.query(f -> f.entry(other)).join() != null);
        FibEntryView v = fib.query(f -> f.entry(other)).get();
        assertEquals(RouteState.REFUSED, v.state());
        assertTrue(v.problem().contains("link-local"), v.problem());
        assertNull(inKernel(other));
        fib.changed(other, null);
        await("forgotten once withdrawn", () -> fib.query(f -> f.entry(other)).join() == null);
    }

    // ---- ECMP through kernel nexthop objects ----

    private static final FibSettings FAST_RETRY = new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(120),
            Duration.ofHours(1), Duration.ofMillis(50), 64);

    private void withNexthopObjects() throws Exception {
        kernel.nexthopObjects = true;
        kernel.addresses.add(new KernelAddress(3, InetAddress.getByName("10.255.1.100"), 24));
        kernel.addresses.add(new KernelAddress(4, InetAddress.getByName("10.255.2.100"), 24));
        kernel.addresses.add(new KernelAddress(5, InetAddress.getByName("10.255.3.100"), 24));
    }

    private List<KernelNexthopObject> objectsInKernel() {
        synchronized (kernel) {
            return List.copyOf(kernel.nexthops.values());
        }
    }

    private long written(Class<? extends KernelOp> type) {
        synchronized (kernel) {
            return kernel.written.stream().filter(type::isInstance).count();
        }
    }

    private static Prefix p(int i) {
        return Prefix.parse("10.244." + i + ".0/24");
    }

    @Test
    void ecmpRoutesShareOneGroupCreatedOnceAndRemovedAfterTheLastRoute() throws Exception {
        withNexthopObjects();
        start(FAST_RETRY, null);
        for (int i = 0; i < 50; i++) {
            fib.changed(p(i), via("10.255.1.1", "10.255.2.1"));
        }
        fib.changed(P2, via("10.255.1.1"));
        await("all installed", () -> {
            synchronized (kernel) {
                return kernel.table.size() == 51;
            }
        });
        assertEquals(RouteState.INSTALLED, state(p(7)));
        assertEquals(3, written(KernelOp.InstallNexthop.class), "two hops and one group, once");
        KernelNexthopObject group = objectsInKernel().stream().filter(KernelNexthopObject::isGroup).findFirst()
                .orElseThrow();
        assertTrue(group.id() >= 0x10000000, "ids from Petrel's range");
        assertEquals(186, group.protocol());
        assertEquals(List.of(3, 4), group.group().stream().map(m -> kernel.nexthops.get(m.id()).ifindex()).toList(),
                "each hop on the interface whose subnet holds its gateway");
        for (int i = 0; i < 50; i++) {
            assertEquals(group.id(), inKernel(p(i)).nexthopId());
            assertEquals(2, inKernel(p(i)).nextHops().size());
        }
        assertEquals(0, inKernel(P2).nexthopId(), "a single next hop stays a plain RTA_GATEWAY");
        synchronized (kernel) {
            int firstGroup = -1;
            int firstRoute = -1;
            for (int i = 0; i < kernel.written.size(); i++) {
                KernelOp op = kernel.written.get(i);
                if (firstGroup < 0 && op instanceof KernelOp.InstallNexthop n && n.object().isGroup()) {
                    firstGroup = i;
                }
                if (firstRoute < 0 && op instanceof KernelOp.Install in && in.route().nexthopId() != 0) {
                    firstRoute = i;
                }
            }
            assertTrue(firstGroup >= 0 && firstGroup < firstRoute, "the group before the first route using it");
        }
        for (int i = 0; i < 49; i++) {
            fib.changed(p(i), null);
        }
        await("49 removed", () -> inKernel(p(48)) == null);
        assertEquals(3, fib.query(f -> objectsInKernel().size()).get(), "the last route still uses the group");
        fib.changed(p(49), null);
        await("objects gone", () -> objectsInKernel().isEmpty());
        assertNull(inKernel(p(49)));
        synchronized (kernel) {
            int lastRemove = -1;
            int groupRemove = -1;
            for (int i = 0; i < kernel.written.size(); i++) {
                KernelOp op = kernel.written.get(i);
                if (op instanceof KernelOp.Remove) {
                    lastRemove = i;
                }
                if (op instanceof KernelOp.RemoveNexthop rm && rm.id() == group.id()) {
                    groupRemove = i;
                }
            }
            assertTrue(groupRemove > lastRemove, "the group after the last route");
        }
        assertEquals(3, written(KernelOp.RemoveNexthop.class));
    }

    @Test
    void anEcmpSetChangeMovesTheRouteToAnotherGroup() throws Exception {
        withNexthopObjects();
        start(FAST_RETRY, null);
        fib.changed(P1, via("10.255.1.1", "10.255.2.1"));
        fib.changed(P2, via("10.255.1.1", "10.255.2.1"));
        await("installed", () -> inKernel(P1) != null && inKernel(P2) != null);
        int first = inKernel(P1).nexthopId();
        fib.changed(P1, via("10.255.1.1", "10.255.3.1"));
        await("moved", () -> inKernel(P1).nexthopId() != first);
        assertEquals(first, inKernel(P2).nexthopId());
        assertEquals(5, objectsInKernel().size(), "hops A, B, C and two groups");
        fib.changed(P2, via("10.255.3.1", "10.255.1.1"));
        await("P2 moved", () -> inKernel(P2).nexthopId() != first);
        assertTrue(inKernel(P1).nexthopId() != inKernel(P2).nexthopId(), "the order of the hops is the group's");
        await("old group and hop B gone", () -> objectsInKernel().size() == 4);
        assertTrue(objectsInKernel().stream().noneMatch(o -> o.id() == first));
        assertTrue(objectsInKernel().stream().noneMatch(o -> o.gateway() != null
                && o.gateway().getHostAddress().equals("10.255.2.1")));
        assertEquals(RouteState.INSTALLED, state(P1));
        assertEquals(RouteState.INSTALLED, state(P2));
    }

    @Test
    void withoutNexthopObjectsEcmpIsMultipath() throws Exception {
        kernel.addresses.add(new KernelAddress(3, InetAddress.getByName("10.255.1.100"), 24));
        start(FAST_RETRY, null);
        fib.changed(P1, via("10.255.1.1", "10.255.2.1"));
        await("installed", () -> inKernel(P1) != null);
        assertEquals(0, inKernel(P1).nexthopId());
        assertEquals(2, inKernel(P1).nextHops().size());
        assertEquals(0, written(KernelOp.InstallNexthop.class));
        assertEquals(RouteState.INSTALLED, state(P1));
    }

    @Test
    void aGatewayOutsideOurSubnetsFallsBackToMultipath() throws Exception {
        withNexthopObjects();
        start(FAST_RETRY, null);
        fib.changed(P1, via("10.255.1.1", "10.255.9.1"));
        await("installed", () -> inKernel(P1) != null);
        assertEquals(0, inKernel(P1).nexthopId(), "no interface known for 10.255.9.1: the kernel resolves it");
        assertEquals(0, written(KernelOp.InstallNexthop.class));
    }

    @Test
    void aFailedObjectFailsItsRoutesWhichAreRetried() throws Exception {
        withNexthopObjects();
        kernel.failingNexthops.put(0x10000002, KernelError.ENOBUFS); // the group: hops are 0x10000000 and 01
        start(FAST_RETRY, null);
        fib.changed(P1, via("10.255.1.1", "10.255.2.1"));
        await("failed", () -> {
            try {
                return state(P1) == RouteState.FAILED;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertNull(inKernel(P1));
        assertTrue(fib.query(Fib::counts).get().errors().containsKey("EINVAL"), "the route's own failure counts");
        synchronized (kernel) {
            kernel.failingNexthops.clear();
        }
        await("installed on retry", () -> inKernel(P1) != null);
        assertEquals(0x10000002, inKernel(P1).nexthopId());
    }

    @Test
    void adoptsOurObjectsAtStartRemovesUnusedOnesAndLeavesOthersAlone() throws Exception {
        withNexthopObjects();
        InetAddress a = InetAddress.getByName("10.255.1.1");
        InetAddress b = InetAddress.getByName("10.255.2.1");
        KernelNexthopObject h1 = KernelNexthopObject.gateway(0x10000010, 186, a, 3);
        KernelNexthopObject h2 = KernelNexthopObject.gateway(0x10000011, 186, b, 4);
        KernelNexthopObject g = KernelNexthopObject.group(0x10000012, 186, List.of(
                new KernelNexthopObject.Member(h1.id(), 1), new KernelNexthopObject.Member(h2.id(), 1)));
        KernelNexthopObject unused = KernelNexthopObject.group(0x10000013, 186, List.of(
                new KernelNexthopObject.Member(h2.id(), 1), new KernelNexthopObject.Member(h1.id(), 1)));
        KernelNexthopObject theirs = KernelNexthopObject.gateway(5, 0, a, 3);
        for (KernelNexthopObject o : List.of(h1, h2, g, unused, theirs)) {
            kernel.nexthops.put(o.id(), o);
        }
        KernelRoute adopted = new KernelRoute(P1, 254, 186, Rtnl.RTN_UNICAST, 0, 20, List.of(
                new KernelNextHop(a, 3, false, 1), new KernelNextHop(b, 4, false, 1)), null, g.id());
        kernel.table.put(adopted.key(), adopted);
        start(FAST_RETRY, null, "tor");
        fib.changed(P1, via("10.255.1.1", "10.255.2.1"));
        fib.changed(P2, via("10.255.1.1", "10.255.2.1"));
        await("P2 installed", () -> inKernel(P2) != null);
        assertEquals(g.id(), inKernel(P2).nexthopId(), "the adopted group is reused");
        assertEquals(RouteState.INSTALLED, state(P1));
        assertTrue(objectsInKernel().contains(unused), "nothing removed before convergence");
        fib.peerConverged("tor");
        await("unused removed", () -> !objectsInKernel().contains(unused));
        assertTrue(objectsInKernel().containsAll(List.of(h1, h2, g, theirs)));
        assertEquals(0, written(KernelOp.InstallNexthop.class), "nothing needed creating");
        assertEquals(1, written(KernelOp.Install.class), "P1 was already right");
        fib.changed(P1, null);
        fib.changed(P2, null);
        await("ours gone", () -> objectsInKernel().equals(List.of(theirs)));
    }
}
