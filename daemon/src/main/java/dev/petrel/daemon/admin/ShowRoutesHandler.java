package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibView;
import dev.petrel.rib.RouteEntry;
import dev.petrel.rib.RouteExplanation;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code show-routes}: the Loc-RIB, every path of every prefix with the best one first, as BIRD's {@code show
 * route} and FRR's {@code show bgp ipv4 unicast}. Arguments: {@code prefix} (a prefix, matched exactly, or an
 * address, matched by the longest prefix that has a best path), {@code family}, {@code limit}, and {@code explain}
 * (with a prefix: every candidate ranked, with the step at which it lost).
 */
public final class ShowRoutesHandler implements AdminHandler {
    public static final String COMMAND = "show-routes";

    private final Rib rib;
    private final Duration timeout;

    public ShowRoutesHandler(Rib rib) {
        this(rib, Ask.TIMEOUT);
    }

    /** @param timeout how long to wait for the RIB (short in tests) */
    public ShowRoutesHandler(Rib rib, Duration timeout) {
        this.rib = rib;
        this.timeout = timeout;
    }

    /** What the RIB thread hands back: snapshots only. */
    private record Answer(List<RouteEntry> routes, boolean truncated, RouteExplanation explanation) {}

    @Override
    public void handle(JsonNode request, JsonGenerator g) throws IOException {
        RouteArgs.Target target = RouteArgs.target(request);
        List<Family> families = RouteArgs.families(request);
        int limit = RouteArgs.limit(request);
        boolean explain = RouteArgs.flag(request, "explain");
        if (explain && target == null) {
            throw new AdminException("explain needs a prefix: which route should be explained?");
        }
        if (target != null && !families.contains(target.family())) {
            throw new AdminException("prefix " + target.text() + " is not in family " + RouteArgs.familyName(families));
        }
        Answer a = Ask.rib(rib, v -> target == null ? all(v, families, limit) : one(v, target, explain), timeout);
        g.writeStartObject();
        g.writeStringField("family", target == null ? RouteArgs.familyName(families) : target.family().name());
        g.writeStringField("prefix", target == null ? null : target.text());
        g.writeNumberField("limit", limit);
        g.writeBooleanField("truncated", a.truncated());
        RouteJson.routes(g, RouteOrder.sorted(a.routes(), RouteOrder.BY_PREFIX, limit));
        RouteJson.explanation(g, a.explanation());
        g.writeEndObject();
    }

    /** On the RIB thread: up to {@code limit} + 1 routes, so that the answer knows whether it was cut. */
    private static Answer all(RibView v, List<Family> families, int limit) {
        List<RouteEntry> out = new ArrayList<>();
        for (Family f : families) {
            if (out.size() > limit) {
                break;
            }
            out.addAll(v.routes(f, limit + 1 - out.size()));
        }
        return new Answer(out, out.size() > limit, null);
    }

    /** On the RIB thread: the route for a prefix or an address. */
    private static Answer one(RibView v, RouteArgs.Target t, boolean explain) {
        RouteEntry e = t.longest() ? longestMatch(v, t.prefix()) : v.route(t.prefix());
        if (e == null) {
            return new Answer(List.of(), false, null);
        }
        return new Answer(List.of(e), false, explain ? v.explain(e.prefix()) : null);
    }

    /** The longest prefix covering {@code host} that has a best path: the route the forwarding table would use. */
    private static RouteEntry longestMatch(RibView v, Prefix host) {
        for (int len = host.length(); len >= 0; len--) {
            RouteEntry e = v.route(shorten(host, len));
            if (e != null && e.best() != null) {
                return e;
            }
        }
        return null;
    }

    private static Prefix shorten(Prefix p, int length) {
        return switch (p) {
            case Ipv4Prefix v4 -> new Ipv4Prefix(v4.address(), length);
            case Ipv6Prefix v6 -> new Ipv6Prefix(v6.high(), v6.low(), length);
        };
    }
}
