package dev.petrel.fib.learn;

import static dev.petrel.fib.learn.K.addr;
import static dev.petrel.fib.learn.K.adminDown;
import static dev.petrel.fib.learn.K.blackhole;
import static dev.petrel.fib.learn.K.dev;
import static dev.petrel.fib.learn.K.ip;
import static dev.petrel.fib.learn.K.noCarrier;
import static dev.petrel.fib.learn.K.p;
import static dev.petrel.fib.learn.K.up;
import static dev.petrel.fib.learn.K.via;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.fib.learn.LearnedRoute.Origin;
import dev.petrel.fib.learn.LearnedRoute.Type;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearnerTest {
    private static final int FELIX = 80;

    /** Records every callback as one line, in order. */
    static final class Recorder implements LearnSink {
        final List<String> calls = new ArrayList<>();

        @Override
        public void learned(Prefix prefix, LearnedRoute route) {
            if (!prefix.equals(route.prefix())) {
                throw new AssertionError("prefix " + prefix + " reported with " + route);
            }
            calls.add("+" + route);
        }

        @Override
        public void unlearned(Prefix prefix) {
            calls.add("-" + prefix);
        }

        List<String> take() {
            List<String> out = List.copyOf(calls);
            calls.clear();
            return out;
        }
    }

    private final Recorder sink = new Recorder();
    private final Learner learner = new Learner(LearnPolicy.DEFAULT, sink);

    private void on(KernelEvent... events) {
        for (KernelEvent e : events) {
            learner.accept(e);
        }
    }

    private static KernelEvent add(KernelRoute r) {
        return new KernelEvent.RouteAdded(r);
    }

    private static KernelEvent del(KernelRoute r) {
        return new KernelEvent.RouteDeleted(r);
    }

    private static KernelEvent link(KernelLink l) {
        return new KernelEvent.LinkChanged(l);
    }

    @Test
    void blackholeAddedThenDeleted() {
        KernelRoute block = blackhole("10.244.1.0/26", FELIX);
        on(add(block));
        assertEquals(List.of("+blackhole 10.244.1.0/26 proto 80"), sink.take());
        LearnedRoute r = learner.learned(p("10.244.1.0/26"));
        assertEquals(new LearnedRoute(p("10.244.1.0/26"), Type.BLACKHOLE, null, null, FELIX, 0, Origin.KERNEL_ROUTE), r);

        on(add(block));
        assertEquals(List.of(), sink.take(), "the same route again is no change");

        on(del(block));
        assertEquals(List.of("-10.244.1.0/26"), sink.take());
        on(del(block));
        assertEquals(List.of(), sink.take(), "nothing to unlearn twice");
        assertTrue(learner.learned().isEmpty());
    }

    @Test
    void caliVethRouteLearnedKubeIpvsNot() {
        on(link(up(7, "cali1234abcd")), link(up(9, "kube-ipvs0")));
        on(add(dev("10.244.1.5/32", 7, FELIX)), add(dev("10.96.0.10/32", 9, Rtnl.RTPROT_KERNEL)));
        assertEquals(List.of("+10.244.1.5/32 dev cali1234abcd proto 80"), sink.take());
        assertEquals(List.of(p("10.244.1.5/32")), List.copyOf(learner.learned().keySet()));
        assertEquals("interface kube-ipvs0 matches no interface glob [\"cali*\"]",
                learner.explain(dev("10.96.0.10/32", 9, Rtnl.RTPROT_KERNEL)).why());
    }

    @Test
    void ownProtocolNeverLearned() {
        on(link(up(7, "cali1")));
        on(add(blackhole("10.244.7.0/26", 186)), add(dev("10.244.7.5/32", 7, 186)));
        assertEquals(List.of(), sink.take());
        assertEquals(0, learner.state().routeCount(), "not even held");
        assertEquals("protocol 186 is Petrel's own", learner.explain(blackhole("10.244.7.0/26", 186)).why());

        on(add(blackhole("10.244.7.0/26", FELIX)));
        assertEquals(1, sink.take().size());
        on(add(blackhole("10.244.7.0/26", 186)));
        assertEquals(List.of("-10.244.7.0/26"), sink.take(), "replaced in the kernel by one of ours");
    }

    @Test
    void routeArrivingBeforeItsLinkIsLearnedWhenTheLinkAppears() {
        on(add(dev("10.244.1.5/32", 7, FELIX)));
        assertEquals(List.of(), sink.take());
        assertEquals("output interface #7 is not known", learner.explain(dev("10.244.1.5/32", 7, FELIX)).why());
        on(link(up(7, "cali1")));
        assertEquals(List.of("+10.244.1.5/32 dev cali1 proto 80"), sink.take());
    }

    @Test
    void carrierLossUnlearnsAndCarrierRelearns() {
        KernelRoute pod = dev("10.244.1.5/32", 7, FELIX);
        on(link(up(7, "cali1")), add(pod));
        sink.take();
        on(link(noCarrier(7, "cali1")));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
        assertEquals("cali1 is not operational (down or without carrier)", learner.explain(pod).why());
        on(link(noCarrier(7, "cali1")));
        assertEquals(List.of(), sink.take());
        on(link(up(7, "cali1")));
        assertEquals(List.of("+10.244.1.5/32 dev cali1 proto 80"), sink.take());
    }

    @Test
    void adminDownWithOrWithoutTheKernelsDeleteReportsOnce() {
        KernelRoute pod = dev("10.244.1.5/32", 7, FELIX);
        on(link(up(7, "cali1")), add(pod));
        sink.take();

        // IPv4: the kernel flushes silently.
        on(link(adminDown(7, "cali1")));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
        on(link(up(7, "cali1")));
        assertEquals(List.of(), sink.take(), "the kernel flushed it: nothing comes back by itself");
        on(add(pod));
        assertEquals(List.of("+10.244.1.5/32 dev cali1 proto 80"), sink.take());

        // A delete after the link message, or before it.
        on(link(adminDown(7, "cali1")), del(pod));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
        on(link(up(7, "cali1")), add(pod));
        sink.take();
        on(del(pod), link(adminDown(7, "cali1")));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
    }

    @Test
    void renameReevaluatesTheLinksRoutes() {
        KernelRoute r = dev("10.244.1.5/32", 7, FELIX);
        on(link(up(7, "tmp0")), add(r));
        assertEquals(List.of(), sink.take());
        on(link(up(7, "cali1")));
        assertEquals(List.of("+10.244.1.5/32 dev cali1 proto 80"), sink.take());
        on(link(up(7, "cali2")));
        assertEquals(List.of("+10.244.1.5/32 dev cali2 proto 80"), sink.take(), "replace: the name changed");
        on(link(up(7, "eth7")));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
    }

    @Test
    void severalRoutesForOnePrefixLowestMetricThenLowestTable() {
        Learner l = new Learner(LearnPolicy.DEFAULT.withTables(java.util.Set.of(100, 200, 254))
                .withInterfaces(InterfaceGlob.parseAll("*")), sink);
        l.accept(link(up(2, "eth0")));
        KernelRoute m200t254 = via("10.50.0.0/16", "10.255.1.1", 2, Rtnl.RTPROT_STATIC, 254, 200);
        KernelRoute m100t200 = via("10.50.0.0/16", "10.255.1.2", 2, Rtnl.RTPROT_STATIC, 200, 100);
        KernelRoute m100t100 = via("10.50.0.0/16", "10.255.1.3", 2, Rtnl.RTPROT_STATIC, 100, 100);
        l.accept(add(m200t254));
        l.accept(add(m100t200));
        l.accept(add(m100t100));
        assertEquals(List.of("+10.50.0.0/16 via 10.255.1.1 dev eth0 proto 4 metric 200",
                "+10.50.0.0/16 via 10.255.1.2 dev eth0 proto 4 metric 100",
                "+10.50.0.0/16 via 10.255.1.3 dev eth0 proto 4 metric 100"), sink.take());
        l.accept(add(via("10.50.0.0/16", "10.255.1.9", 2, Rtnl.RTPROT_STATIC, 254, 300)));
        assertEquals(List.of(), sink.take(), "a worse route changes nothing");
        assertTrue(l.explain(m200t254).why().startsWith("another route for 10.50.0.0/16 is preferred"));
        l.accept(del(m100t100));
        assertEquals(List.of("+10.50.0.0/16 via 10.255.1.2 dev eth0 proto 4 metric 100"), sink.take());
    }

    @Test
    void multipathLearnedWhileAnyHopIsOperational() {
        Learner l = new Learner(LearnPolicy.DEFAULT.withInterfaces(InterfaceGlob.parseAll("eth*")), sink);
        KernelRoute ecmp = K.route("10.60.0.0/16", 254, Rtnl.RTPROT_STATIC, Rtnl.RTN_UNICAST, 0, List.of(
                new KernelNextHop(ip("10.255.1.1"), 2, false, 1), new KernelNextHop(ip("10.255.2.1"), 3, false, 1)));
        l.accept(link(up(2, "eth0")));
        l.accept(link(up(3, "eth1")));
        l.accept(add(ecmp));
        assertEquals(List.of("+10.60.0.0/16 proto 4"), sink.take(), "no single gateway or interface to name");
        l.accept(link(noCarrier(2, "eth0")));
        assertEquals(List.of(), sink.take());
        l.accept(link(noCarrier(3, "eth1")));
        assertEquals(List.of("-10.60.0.0/16"), sink.take());
        l.accept(link(up(3, "eth1")));
        l.accept(link(up(2, "kube-ipvs0")));
        assertEquals(List.of("+10.60.0.0/16 proto 4", "-10.60.0.0/16"), sink.take(),
                "every hop's interface must be included");
    }

    @Test
    void connectedSubnetsFollowAddressesAndLinks() {
        Learner l = new Learner(LearnPolicy.DEFAULT.withConnected(true,
                LearnPolicy.DEFAULT.connectedInterfaces(), false), sink);
        l.accept(link(up(2, "eth0")));
        l.accept(link(up(9, "kube-ipvs0")));
        l.accept(new KernelEvent.AddressAdded(addr(2, "10.255.1.2", 24)));
        l.accept(new KernelEvent.AddressAdded(addr(2, "fe80::1", 64)));
        l.accept(new KernelEvent.AddressAdded(addr(2, "2001:db8:1::2", 64)));
        l.accept(new KernelEvent.AddressAdded(addr(9, "10.96.0.0", 24)));
        l.accept(new KernelEvent.AddressAdded(addr(2, "10.255.1.3", 24)));
        assertEquals(List.of("+10.255.1.0/24 dev eth0 connected", "+2001:db8:1::/64 dev eth0 connected"),
                sink.take(), "no link-local, no kube-ipvs, a second address in a known subnet is no change");
        LearnedRoute c = l.learned(p("10.255.1.0/24"));
        assertEquals(new LearnedRoute(p("10.255.1.0/24"), Type.UNICAST, null, "eth0", Rtnl.RTPROT_KERNEL, 0,
                Origin.CONNECTED), c);

        l.accept(new KernelEvent.AddressDeleted(addr(2, "10.255.1.2", 24)));
        assertEquals(List.of(), sink.take(), "10.255.1.3/24 still makes it connected");
        l.accept(link(noCarrier(2, "eth0")));
        assertEquals(List.of("-10.255.1.0/24", "-2001:db8:1::/64"), sink.take(), "in prefix order");
        l.accept(link(up(2, "eth0")));
        assertEquals(List.of("+10.255.1.0/24 dev eth0 connected", "+2001:db8:1::/64 dev eth0 connected"),
                sink.take());
        l.accept(new KernelEvent.AddressDeleted(addr(2, "10.255.1.3", 24)));
        assertEquals(List.of("-10.255.1.0/24"), sink.take());
    }

    @Test
    void connectedBeatsTheKernelsSubnetRoute() {
        Learner l = new Learner(LearnPolicy.DEFAULT.withInterfaces(InterfaceGlob.parseAll("*"))
                .withConnected(true, InterfaceGlob.parseAll("*"), false), sink);
        l.accept(link(up(2, "eth0")));
        l.accept(add(dev("10.255.1.0/24", 2, Rtnl.RTPROT_KERNEL)));
        assertEquals(List.of("+10.255.1.0/24 dev eth0 proto 2"), sink.take());
        l.accept(new KernelEvent.AddressAdded(addr(2, "10.255.1.2", 24)));
        assertEquals(List.of("+10.255.1.0/24 dev eth0 connected"), sink.take());
        l.accept(new KernelEvent.AddressDeleted(addr(2, "10.255.1.2", 24)));
        assertEquals(List.of("+10.255.1.0/24 dev eth0 proto 2"), sink.take());
    }

    @Test
    void resetReportsSortedAndThenOnlyTheDifference() {
        List<KernelLink> links = List.of(up(7, "cali1"), up(8, "cali2"), up(2, "eth0"));
        List<KernelAddress> addrs = List.of(addr(2, "10.255.1.2", 24));
        KernelRoute b2 = blackhole("10.244.2.0/26", FELIX);
        KernelRoute b1 = blackhole("10.244.1.0/26", FELIX);
        KernelRoute pod5 = dev("10.244.1.5/32", 7, FELIX);
        KernelRoute pod6 = dev("10.244.1.6/32", 8, FELIX);
        KernelRoute v6 = blackhole("fd00:244:1::/122", FELIX);
        learner.reset(links, addrs, List.of(v6, pod6, b2, pod5, b1, blackhole("10.244.3.0/26", 186)));
        assertEquals(List.of("+blackhole 10.244.1.0/26 proto 80", "+10.244.1.5/32 dev cali1 proto 80",
                "+10.244.1.6/32 dev cali2 proto 80", "+blackhole 10.244.2.0/26 proto 80",
                "+blackhole fd00:244:1::/122 proto 80"), sink.take());

        learner.accept(new KernelEvent.Overrun());
        assertEquals(List.of(), sink.take(), "an overrun alone changes nothing here");

        learner.reset(links, addrs, List.of(b1, b2, pod5, pod6, v6));
        assertEquals(List.of(), sink.take(), "the same dump again: nothing unlearned and relearned");

        // What the lost notifications hid: pod6 went, pod7 came, block 2 became unreachable, cali1 lost carrier.
        KernelRoute pod7 = dev("10.244.1.7/32", 8, FELIX);
        KernelRoute u2 = K.route("10.244.2.0/26", 254, FELIX, Rtnl.RTN_UNREACHABLE, 0, List.of());
        learner.reset(List.of(noCarrier(7, "cali1"), up(8, "cali2"), up(2, "eth0")), addrs,
                List.of(pod7, pod5, u2, b1, v6));
        assertEquals(List.of("-10.244.1.5/32", "-10.244.1.6/32", "+10.244.1.7/32 dev cali2 proto 80",
                "+unreachable 10.244.2.0/26 proto 80"), sink.take());
        assertEquals(List.of(p("10.244.1.0/26"), p("10.244.1.7/32"), p("10.244.2.0/26"), p("fd00:244:1::/122")),
                List.copyOf(learner.learned().keySet()));
    }

    @Test
    void linkDeletedUnlearnsItsRoutesOnce() {
        KernelRoute pod = dev("10.244.1.5/32", 7, FELIX);
        on(link(up(7, "cali1")), add(pod));
        sink.take();
        on(new KernelEvent.LinkDeleted(up(7, "cali1")), del(pod));
        assertEquals(List.of("-10.244.1.5/32"), sink.take());
        assertNull(learner.learned(pod.prefix()));
        assertFalse(learner.explain(pod).learned());
    }
}
