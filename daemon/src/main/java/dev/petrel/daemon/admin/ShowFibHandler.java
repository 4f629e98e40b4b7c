package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fib.Fib;
import dev.petrel.fib.FibCounts;
import dev.petrel.fib.FibDiff;
import dev.petrel.fib.FibEntryView;
import dev.petrel.fib.FibSettings;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code show-fib}: the kernel FIB, what Petrel wants in the kernel against what it holds there, with the FIB's
 * counts. Arguments: {@code prefix} (one prefix, matched exactly; an address is its host prefix), {@code limit},
 * {@code diff} (a fresh read of the kernel compared with what should be there, instead of the entries).
 */
public final class ShowFibHandler implements AdminHandler {
    public static final String COMMAND = "show-fib";

    private final Fib fib;
    private final Duration timeout;

    /** @param fib the speaker's FIB, or null when {@code kernel.enabled} is off */
    public ShowFibHandler(Fib fib) {
        this(fib, Ask.TIMEOUT);
    }

    public ShowFibHandler(Fib fib, Duration timeout) {
        this.fib = fib;
        this.timeout = timeout;
    }

    /** What the FIB thread hands over: every field an immutable copy. */
    private record Answer(FibSettings settings, FibCounts counts, Set<String> waitingFor, List<FibEntryView> entries,
            FibDiff diff, String failure) {}

    @Override
    public void handle(JsonNode request, JsonGenerator g) throws IOException {
        if (fib == null) {
            throw new AdminException("the kernel FIB is off (kernel.enabled = false)");
        }
        RouteArgs.Target target = RouteArgs.target(request);
        int limit = RouteArgs.limit(request);
        boolean diff = RouteArgs.flag(request, "diff");
        if (diff && target != null) {
            throw new AdminException("diff compares the whole table: it takes no prefix");
        }
        Answer a = Ask.fib(fib, f -> ask(f, target, limit, diff), timeout);
        if (a.failure() != null) {
            throw new AdminException(a.failure());
        }
        if (target != null && a.entries().isEmpty()) {
            throw new AdminException("no FIB entry for " + target.text());
        }
        g.writeStartObject();
        settings(g, a.settings());
        counts(g, a.counts(), a.waitingFor());
        g.writeStringField("prefix", target == null ? null : target.text());
        g.writeNumberField("limit", limit);
        if (diff) {
            g.writeBooleanField("truncated", a.diff().missing().size() > limit || a.diff().extra().size() > limit
                    || a.diff().different().size() > limit);
            g.writeNullField("entries");
            diff(g, a.diff(), limit);
        } else {
            g.writeBooleanField("truncated", a.entries().size() > limit);
            g.writeArrayFieldStart("entries");
            for (FibEntryView e : a.entries().subList(0, Math.min(limit, a.entries().size()))) {
                entry(g, e);
            }
            g.writeEndArray();
            g.writeNullField("diff");
        }
        g.writeEndObject();
    }

    /** On the FIB thread: up to {@code limit} + 1 entries, so that the answer knows whether it was cut. */
    private static Answer ask(Fib f, RouteArgs.Target target, int limit, boolean diff) {
        List<FibEntryView> entries = List.of();
        FibDiff d = null;
        if (diff) {
            try {
                d = f.diff();
            } catch (KernelException e) {
                return new Answer(null, null, null, null, null, "reading the kernel failed: " + e.getMessage());
            }
        } else if (target != null) {
            FibEntryView e = f.entry(target.prefix());
            entries = e == null ? List.of() : List.of(e);
        } else {
            List<FibEntryView> all = f.entries();
            entries = List.copyOf(all.subList(0, Math.min(limit + 1, all.size())));
        }
        return new Answer(f.settings(), f.counts(), f.waitingFor(), entries, d, null);
    }

    private static void settings(JsonGenerator g, FibSettings s) throws IOException {
        g.writeObjectFieldStart("settings");
        g.writeNumberField("table", s.table());
        g.writeNumberField("protocol", s.protocol());
        g.writeNumberField("metric", s.metric());
        g.writeBooleanField("persist", s.persist());
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, FibCounts c, Set<String> waitingFor) throws IOException {
        g.writeObjectFieldStart("counts");
        g.writeNumberField("installed", c.installed());
        g.writeNumberField("pending", c.pending());
        g.writeNumberField("failed", c.failed());
        g.writeNumberField("refused", c.refused());
        g.writeNumberField("stale", c.stale());
        g.writeNumberField("writes", c.writes());
        g.writeObjectFieldStart("errors");
        for (Map.Entry<String, Long> e : new TreeMap<>(c.errors()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("repairs", c.repairs());
        g.writeNumberField("overruns", c.overruns());
        g.writeNumberField("reconciles", c.reconciles());
        g.writeBooleanField("converged", c.converged());
        g.writeArrayFieldStart("waiting_for");
        for (String peer : new TreeSet<>(waitingFor)) {
            g.writeString(peer);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void entry(JsonGenerator g, FibEntryView e) throws IOException {
        g.writeStartObject();
        g.writeStringField("prefix", e.prefix().toString());
        g.writeStringField("state", e.state().name().toLowerCase(Locale.ROOT));
        g.writeFieldName("desired");
        route(g, e.desired());
        g.writeFieldName("installed");
        route(g, e.installed());
        g.writeStringField("peer", e.peer());
        g.writeStringField("problem", e.problem());
        g.writeNumberField("attempts", e.attempts());
        g.writeEndObject();
    }

    /** The diff's lists sorted by prefix, then metric: the FIB finds them in no particular order. */
    private static FibDiff sorted(FibDiff d) {
        Comparator<KernelRoute> order = Comparator.comparing(KernelRoute::prefix)
                .thenComparingInt(KernelRoute::priority);
        return new FibDiff(d.missing().stream().sorted(order).toList(), d.extra().stream().sorted(order).toList(),
                d.different().stream().sorted(Comparator.comparing((List<KernelRoute> pair) -> pair.get(0), order)).toList());
    }

    private static void diff(JsonGenerator g, FibDiff unsorted, int limit) throws IOException {
        FibDiff d = sorted(unsorted);
        g.writeObjectFieldStart("diff");
        g.writeArrayFieldStart("missing");
        for (KernelRoute r : d.missing().subList(0, Math.min(limit, d.missing().size()))) {
            route(g, r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("extra");
        for (KernelRoute r : d.extra().subList(0, Math.min(limit, d.extra().size()))) {
            route(g, r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("different");
        for (List<KernelRoute> pair : d.different().subList(0, Math.min(limit, d.different().size()))) {
            g.writeStartObject();
            g.writeFieldName("desired");
            route(g, pair.get(0));
            g.writeFieldName("kernel");
            route(g, pair.get(1));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** ROUTE, or null. */
    private static void route(JsonGenerator g, KernelRoute r) throws IOException {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("prefix", r.prefix().toString());
        g.writeStringField("type", Rtnl.typeName(r.type()));
        g.writeArrayFieldStart("next_hops");
        for (KernelNextHop h : r.nextHops()) {
            g.writeStartObject();
            g.writeStringField("gateway", h.gateway() == null ? null : AttributesJson.address(h.gateway()));
            g.writeNumberField("ifindex", h.ifindex());
            g.writeNumberField("weight", h.weight());
            g.writeBooleanField("onlink", h.onlink());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("metric", r.priority());
        g.writeNumberField("table", r.table());
        g.writeNumberField("protocol", r.protocol());
        g.writeEndObject();
    }
}
