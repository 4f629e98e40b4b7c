package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.rib.AdvertisedRoute;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibView;
import dev.petrel.wire.Family;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code show-rib-out}: what was advertised to one peer (its update group's Adj-RIB-Out), with the attributes and
 * next hop as sent after export policy. Arguments: {@code peer} (required), {@code family}, {@code limit}.
 */
public final class ShowRibOutHandler implements AdminHandler {
    public static final String COMMAND = "show-rib-out";
    private static final Comparator<AdvertisedRoute> BY_PREFIX = Comparator.comparing(AdvertisedRoute::prefix);

    private final Rib rib;
    private final Duration timeout;

    public ShowRibOutHandler(Rib rib) {
        this(rib, Ask.TIMEOUT);
    }

    public ShowRibOutHandler(Rib rib, Duration timeout) {
        this.rib = rib;
        this.timeout = timeout;
    }

    private record Answer(List<String> peers, boolean known, List<AdvertisedRoute> routes) {}

    @Override
    public void handle(JsonNode request, JsonGenerator g) throws IOException {
        String peer = RouteArgs.peer(request);
        List<Family> families = RouteArgs.families(request);
        int limit = RouteArgs.limit(request);
        Answer a = Ask.rib(rib, v -> ask(v, peer, families, limit), timeout);
        if (!a.known()) {
            throw RouteArgs.unknownPeer(peer, a.peers());
        }
        g.writeStartObject();
        g.writeStringField("peer", peer);
        g.writeStringField("family", RouteArgs.familyName(families));
        g.writeNumberField("limit", limit);
        g.writeBooleanField("truncated", a.routes().size() > limit);
        RouteJson.advertised(g, RouteOrder.sorted(a.routes(), BY_PREFIX, limit));
        g.writeEndObject();
    }

    /** On the RIB thread: up to {@code limit} + 1 routes, so that the answer knows whether it was cut. */
    private static Answer ask(RibView v, String peer, List<Family> families, int limit) {
        if (!v.hasPeer(peer)) {
            return new Answer(v.peerNames(), false, List.of());
        }
        List<AdvertisedRoute> out = new ArrayList<>();
        for (Family f : families) {
            if (out.size() > limit) {
                break;
            }
            out.addAll(v.ribOut(peer, f, limit + 1 - out.size()));
        }
        return new Answer(List.of(), true, out);
    }
}
