package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the set of learned routes, one per prefix, as the kernel changes, and tells a {@link LearnSink} what
 * changed: the event-driven counterpart of BIRD's {@code learn} with its periodic scan.
 *
 * <p>For each prefix the candidates are the connected subnets and the kernel routes the {@link LearnPolicy}
 * accepts and that can forward now. A kernel route can forward when it has no interface (blackhole and the
 * like) or when at least one of its next hops' links is operational, as the kernel itself forwards over the
 * live hops of a multipath route. When several qualify, one is picked so that every node and every run picks
 * the same: a connected subnet before any kernel route (the kernel's own subnet route for it is derived from
 * the address, and the address is the better fact); among connected subnets the lowest interface index; among
 * kernel routes the lowest metric, as the kernel prefers it, then the lowest table number.
 *
 * <p>Every change is computed by comparing the newly chosen {@link LearnedRoute} with the one last reported,
 * so nothing is reported twice and a re-dump that matches what was known reports nothing. Changes that touch
 * several prefixes (a link event, {@link #reset}) are reported in prefix order.
 *
 * <p>Not thread-safe: one thread feeds it (the monitor thread). The {@link KernelState} it feeds may be read
 * from others ({@link #state}).
 */
public final class Learner {
    private final LearnPolicy policy;
    private final KernelState state;
    private final LearnSink sink;
    private final Map<Prefix, LearnedRoute> learned = new HashMap<>();

    private static final Comparator<KernelRoute> KERNEL_PREFERENCE = Comparator
            .comparingInt((KernelRoute r) -> r.priority()).thenComparingInt(KernelRoute::table);

    /** A learner with its own {@link KernelState}, which holds only routes the policy could ever learn. */
    public Learner(LearnPolicy policy, LearnSink sink) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.state = new KernelState(r -> policy.screen(r).learned());
    }

    public LearnPolicy policy() {
        return policy;
    }

    /** The node's links and addresses as this learner knows them; the {@link FibGuard} consults it. */
    public KernelState state() {
        return state;
    }

    /**
     * Takes a full dump (at start, or after an {@code Overrun}) and reports only the difference from what was
     * learned before, in prefix order.
     */
    public void reset(Collection<KernelLink> links, Collection<KernelAddress> addresses,
            Collection<KernelRoute> routes) {
        TreeSet<Prefix> touched = new TreeSet<>(state.reset(links, addresses, routes));
        touched.addAll(learned.keySet());
        touched.forEach(this::reconsider);
    }

    /**
     * Applies one notification and reports what it changed. An {@code Overrun} changes nothing: notifications
     * were lost, and only the caller can re-dump and call {@link #reset}.
     */
    public void accept(KernelEvent event) {
        new TreeSet<>(state.apply(event)).forEach(this::reconsider);
    }

    /** What is learned now, by prefix. */
    public SortedMap<Prefix, LearnedRoute> learned() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(learned));
    }

    /** What is learned for {@code prefix}, or null. */
    public LearnedRoute learned(Prefix prefix) {
        return learned.get(prefix);
    }

    /** Why a kernel route is or is not learned, for {@code show}: the policy, the link, or a better route. */
    public LearnDecision explain(KernelRoute route) {
        LearnDecision d = decide(route);
        if (!d.learned()) {
            return d;
        }
        LearnedRoute now = learned.get(route.prefix());
        if (now != null && !now.equals(toLearned(route))) {
            return LearnDecision.no("another route for " + route.prefix() + " is preferred: " + now);
        }
        return d;
    }

    private void reconsider(Prefix prefix) {
        LearnedRoute next = choose(prefix);
        LearnedRoute before = next == null ? learned.remove(prefix) : learned.put(prefix, next);
        if (next == null) {
            if (before != null) {
                sink.unlearned(prefix);
            }
        } else if (!next.equals(before)) {
            sink.learned(prefix, next);
        }
    }

    private LearnedRoute choose(Prefix prefix) {
        for (ConnectedSubnet s : state.connectedSubnets(prefix)) {
            String name = state.interfaceName(s.ifindex());
            if (policy.matchesConnected(prefix, name).learned()) {
                return new LearnedRoute(prefix, LearnedRoute.Type.UNICAST, null, name, Rtnl.RTPROT_KERNEL, 0,
                        LearnedRoute.Origin.CONNECTED);
            }
        }
        return state.routes(prefix).stream().filter(r -> decide(r).learned()).min(KERNEL_PREFERENCE)
                .map(this::toLearned).orElse(null);
    }

    /** The policy asked about every next hop's interface, then whether the route can forward now. */
    private LearnDecision decide(KernelRoute route) {
        LearnDecision d = policy.screen(route);
        if (!d.learned() || !LearnPolicy.hasInterface(route)) {
            return d;
        }
        boolean anyOperational = false;
        for (KernelNextHop h : route.nextHops()) {
            d = policy.matches(route, h.ifindex() == 0 ? null : state.interfaceName(h.ifindex()));
            if (!d.learned()) {
                return d;
            }
            anyOperational |= state.linkOperational(h.ifindex());
        }
        if (!anyOperational) {
            return LearnDecision.no(hopNames(route) + " is not operational (down or without carrier)");
        }
        return d;
    }

    private String hopNames(KernelRoute route) {
        return route.nextHops().stream().map(h -> {
            String n = state.interfaceName(h.ifindex());
            return n != null ? n : "#" + h.ifindex();
        }).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private LearnedRoute toLearned(KernelRoute r) {
        List<KernelNextHop> hops = r.nextHops();
        KernelNextHop single = hops.size() == 1 ? hops.get(0) : null;
        return new LearnedRoute(r.prefix(), LearnedRoute.Type.of(r.type()), single == null ? null : single.gateway(),
                single == null || single.ifindex() == 0 ? null : state.interfaceName(single.ifindex()),
                r.protocol(), r.priority(), LearnedRoute.Origin.KERNEL_ROUTE);
    }
}
