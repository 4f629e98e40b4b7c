package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.rib.AdvertisedRoute;
import dev.petrel.rib.PathEntry;
import dev.petrel.rib.RouteEntry;
import dev.petrel.rib.RouteExplanation;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Ipv4;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Routes as the admin socket writes them (the package documentation lists the fields). Every field is always
 * written, null when it has no value; attributes are {@link AttributesJson} objects.
 */
final class RouteJson {
    private RouteJson() {}

    /** {@code "routes": [{"prefix", "family", "paths": [PATH, ...]}, ...]}, best path first in each. */
    static void routes(JsonGenerator g, List<RouteEntry> routes) throws IOException {
        g.writeArrayFieldStart("routes");
        for (RouteEntry r : routes) {
            g.writeStartObject();
            g.writeStringField("prefix", r.prefix().toString());
            g.writeStringField("family", r.prefix().unicastFamily().name());
            g.writeArrayFieldStart("paths");
            for (PathEntry p : r.paths()) {
                path(g, p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * One path: where it came from, its state in the decision process, the next hop the RIB resolved (NEXT_HOP or
     * MP_REACH), its attributes as received and after import policy (null when rejected or not eligible).
     */
    static void path(JsonGenerator g, PathEntry p) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", p.source());
        g.writeStringField("source_kind", p.kind().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("path_id", p.pathId());
        g.writeBooleanField("best", p.best());
        g.writeBooleanField("eligible", p.eligible());
        g.writeStringField("ineligible_reason", p.ineligible());
        g.writeBooleanField("stale", p.stale());
        AttributesJson.nextHop(g, p.nextHop());
        if (p.kernelPriority() < 0) {
            g.writeNullField("kernel_priority");
        } else {
            g.writeNumberField("kernel_priority", p.kernelPriority());
        }
        AttributesJson.write(g, "received", p.received());
        AttributesJson.write(g, "attributes", p.attributes());
        g.writeEndObject();
    }

    /**
     * {@code "explanation": {"prefix", "candidates": [{"rank", "multipath", "lost_to", "lost_at", "reason", "path"}]}},
     * or null: every candidate, best first, then by rank, then the ineligible ones (rank 0).
     */
    static void explanation(JsonGenerator g, RouteExplanation e) throws IOException {
        if (e == null) {
            g.writeNullField("explanation");
            return;
        }
        g.writeObjectFieldStart("explanation");
        g.writeStringField("prefix", e.prefix().toString());
        g.writeArrayFieldStart("candidates");
        for (RouteExplanation.Candidate c : e.candidates()) {
            g.writeStartObject();
            g.writeNumberField("rank", c.rank());
            g.writeBooleanField("multipath", c.multipath());
            g.writeStringField("lost_to", c.lostTo());
            g.writeStringField("lost_at", c.lostAt() == null ? null : c.lostAt().name());
            g.writeStringField("reason", c.reason());
            g.writeFieldName("path");
            path(g, c.path());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * {@code "routes": [{"prefix", "family", "next_hop", "link_local_next_hop", "attributes"}, ...]}: what was sent;
     * with {@code "path_id"} after {@code family} for a peer sent several paths per prefix (ADD-PATH).
     * {@code next_hop} is the one the peer was given, from MP_REACH_NLRI or, for IPv4, the NEXT_HOP attribute.
     */
    static void advertised(JsonGenerator g, List<AdvertisedRoute> routes) throws IOException {
        g.writeArrayFieldStart("routes");
        for (AdvertisedRoute r : routes) {
            g.writeStartObject();
            g.writeStringField("prefix", r.prefix().toString());
            g.writeStringField("family", r.prefix().unicastFamily().name());
            if (r.pathId() >= 0) {
                g.writeNumberField("path_id", r.pathId()); // ADD-PATH send (RFC 7911)
            }
            NextHop nh = r.nextHop();
            if (nh == null && r.attributes() != null && r.attributes().hasNextHop()) {
                g.writeStringField("next_hop", Ipv4.format(r.attributes().nextHop()));
                g.writeNullField("link_local_next_hop");
            } else {
                AttributesJson.nextHop(g, nh);
            }
            AttributesJson.write(g, "attributes", r.attributes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
