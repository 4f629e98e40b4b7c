package dev.petrel.fib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.fib.Fib;
import dev.petrel.fib.FibEntryView;
import dev.petrel.fib.FibSettings;
import dev.petrel.fib.RouteState;
import dev.petrel.rib.FibEntry;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory kernel of {@code kernel.dry-run}: routes go through the FIB and come back out of its dumps. */
class DryRunKernelTest {
    private static final Prefix P1 = Prefix.parse("10.244.1.0/26");
    private static final Prefix P2 = Prefix.parse("10.244.2.0/26");
    private static final Prefix P6 = Prefix.parse("fd00:255:62::/64");
    private Fib fib;

    @AfterEach
    void close() {
        if (fib != null) {
            fib.close();
        }
    }

    private Fib start(DryRunKernel kernel) throws Exception {
        fib = new Fib(FibSettings.DEFAULT.withVerifyInterval(Duration.ofHours(1)), kernel, null, null)
                .start(List.of());
        return fib;
    }

    private static FibEntry via(String... gateways) {
        return new FibEntry(Arrays.stream(gateways).map(NextHop::of).toList(), -1, "tor");
    }

    private static KernelRoute dumped(DryRunKernel kernel, Prefix p) {
        return kernel.routes().stream().filter(r -> r.prefix().equals(p)).findFirst().orElse(null);
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

    @Test
    void routesWrittenThroughTheFibAreDumpedAndRemoved() throws Exception {
        DryRunKernel kernel = new DryRunKernel();
        start(kernel);
        fib.changed(P1, via("10.255.62.1"));
        fib.changed(P6, via("fd00:255:62::1"));
        await("both in the dump", () -> dumped(kernel, P1) != null && dumped(kernel, P6) != null);
        KernelRoute k = dumped(kernel, P1);
        assertEquals(186, k.protocol());
        assertEquals(254, k.table());
        assertEquals(20, k.priority());
        assertEquals(List.of(KernelNextHop.via(InetAddress.getByName("10.255.62.1"))), k.nextHops());
        List<FibEntryView> shown = fib.query(Fib::entries).get();
        assertEquals(List.of(RouteState.INSTALLED, RouteState.INSTALLED), shown.stream().map(FibEntryView::state)
                .toList());
        assertTrue(fib.query(f -> {
            try {
                return f.diff();
            } catch (KernelException e) {
                throw new IllegalStateException(e);
            }
        }).get().empty(), "the dump is what the FIB wrote");

        fib.changed(P1, null);
        await("P1 gone from the dump", () -> dumped(kernel, P1) == null);
        assertEquals(List.of(P6), kernel.routes().stream().map(KernelRoute::prefix).toList());
        assertEquals(null, fib.query(f -> f.entry(P1)).get());
    }

    @Test
    void ecmpGoesThroughNexthopObjectsKeptInMemory() throws Exception {
        DryRunKernel kernel = new DryRunKernel(List.of(new KernelLink(3, "eth0", true, true)),
                List.of(new KernelAddress(3, InetAddress.getByName("10.255.62.100"), 24)));
        start(kernel);
        assertEquals(1, kernel.links().size());
        fib.changed(P1, via("10.255.62.1", "10.255.62.2"));
        await("in the dump", () -> dumped(kernel, P1) != null);
        KernelRoute k = dumped(kernel, P1);
        assertTrue(k.nexthopId() != 0, "through a group: " + k);
        assertEquals(2, k.nextHops().size(), "its hops spelled out, as nexthop_compat_mode dumps them");
        assertEquals(3, kernel.nexthops().size(), "two hops and their group");
        assertEquals(RouteState.INSTALLED, fib.query(f -> f.entry(P1)).get().state());
        fib.changed(P1, null);
        await("route and objects gone", () -> kernel.routes().isEmpty() && kernel.nexthops().isEmpty());
    }

    @Test
    void removalLeavesAnotherProtocolsRouteAloneAndInstallReplacesByKey() throws Exception {
        DryRunKernel kernel = new DryRunKernel();
        InetAddress gw = InetAddress.getByName("10.255.62.1");
        KernelRoute theirs = new KernelRoute(P2, 254, 4, Rtnl.RTN_UNICAST, 0, 20, List.of(KernelNextHop.via(gw)),
                null);
        KernelRoute ours = new KernelRoute(P2, 254, 186, Rtnl.RTN_UNICAST, 0, 20, List.of(KernelNextHop.via(gw)),
                null);
        assertEquals(Arrays.asList(null, null), kernel.write(List.of(new KernelOp.Install(theirs),
                new KernelOp.Remove(ours))));
        assertEquals(List.of(theirs), kernel.routes());
        kernel.write(List.of(new KernelOp.Install(ours)));
        assertEquals(List.of(ours), kernel.routes(), "same table, prefix and metric: replaced");
        kernel.close();
        assertThrows(KernelException.class, () -> kernel.write(List.of(new KernelOp.Remove(ours))));
    }

    @Test
    void pollHasNothingToTellAndReturnsWhenClosed() throws Exception {
        DryRunKernel kernel = new DryRunKernel();
        assertEquals(0, kernel.poll(1, e -> fail("nothing to tell")));
        int[] got = {-1};
        Thread poller = new Thread(() -> got[0] = kernel.poll(600_000, e -> fail("nothing to tell")));
        poller.start();
        kernel.close();
        poller.join(5000);
        assertFalse(poller.isAlive(), "close wakes a waiting poll");
        assertEquals(0, got[0]);
    }
}
