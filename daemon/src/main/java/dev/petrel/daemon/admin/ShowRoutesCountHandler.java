package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.rib.MemoryReport;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RouteCounts;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code show-routes-count}: what the RIB holds, per family and per peer and family, the update groups, and the
 * memory estimate of {@link MemoryReport} (from the tables' sizes, not a heap walk).
 */
public final class ShowRoutesCountHandler implements AdminHandler {
    public static final String COMMAND = "show-routes-count";

    private final Rib rib;
    private final Duration timeout;

    public ShowRoutesCountHandler(Rib rib) {
        this(rib, Ask.TIMEOUT);
    }

    public ShowRoutesCountHandler(Rib rib, Duration timeout) {
        this.rib = rib;
        this.timeout = timeout;
    }

    private record Answer(RouteCounts counts, int groups, MemoryReport memory) {}

    @Override
    public void handle(JsonNode request, JsonGenerator g) throws IOException {
        Answer a = Ask.rib(rib, v -> new Answer(v.counts(), v.groupCount(), v.memory()), timeout);
        g.writeStartObject();
        g.writeArrayFieldStart("families");
        for (RouteCounts.FamilyCount f : a.counts().families()) {
            g.writeStartObject();
            g.writeStringField("family", f.family().name());
            g.writeNumberField("prefixes", f.prefixes());
            g.writeNumberField("paths", f.paths());
            g.writeNumberField("best", f.best());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("peers");
        for (RouteCounts.PeerCount p : a.counts().peers()) {
            g.writeStartObject();
            g.writeStringField("peer", p.peer());
            g.writeStringField("family", p.family().name());
            g.writeNumberField("received", p.received());
            g.writeNumberField("accepted", p.accepted());
            g.writeNumberField("best", p.best());
            g.writeNumberField("advertised", p.advertised());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("update_groups", a.groups());
        memory(g, a.memory());
        g.writeEndObject();
    }

    private static void memory(JsonGenerator g, MemoryReport m) throws IOException {
        g.writeObjectFieldStart("memory");
        g.writeNumberField("prefixes", m.prefixes());
        g.writeNumberField("paths", m.paths());
        g.writeNumberField("attribute_sets", m.attributeSets());
        g.writeNumberField("attribute_bytes", m.attributeBytes());
        g.writeNumberField("table_bytes", m.tableBytes());
        g.writeNumberField("path_bytes", m.pathBytes());
        g.writeNumberField("attribute_set_bytes", m.attributeSetBytes());
        g.writeNumberField("total_bytes", m.total());
        // An estimate: a tenth of an octet is already more than it knows.
        g.writeNumberField("bytes_per_route", Math.round(m.bytesPerRoute() * 10) / 10.0);
        g.writeEndObject();
    }
}
