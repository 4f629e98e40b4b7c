package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibView;
import dev.petrel.rib.RouteEntry;
import dev.petrel.wire.Family;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code show-rib-in}: the paths one peer sent (its Adj-RIB-In), each with its attributes as received and after
 * import policy, and whether it is eligible or why not. Arguments: {@code peer} (required), {@code family},
 * {@code limit} (paths).
 */
public final class ShowRibInHandler implements AdminHandler {
    public static final String COMMAND = "show-rib-in";

    private final Rib rib;
    private final Duration timeout;

    public ShowRibInHandler(Rib rib) {
        this(rib, Ask.TIMEOUT);
    }

    public ShowRibInHandler(Rib rib, Duration timeout) {
        this.rib = rib;
        this.timeout = timeout;
    }

    /** What the RIB thread hands back: the peers it knows when it does not know this one. */
    private record Answer(List<String> peers, boolean known, List<RouteEntry> paths) {}

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
        g.writeBooleanField("truncated", a.paths().size() > limit);
        RouteJson.routes(g, RouteOrder.merged(a.paths(), limit));
        g.writeEndObject();
    }

    /** On the RIB thread: up to {@code limit} + 1 paths, so that the answer knows whether it was cut. */
    private static Answer ask(RibView v, String peer, List<Family> families, int limit) {
        if (!v.hasPeer(peer)) {
            return new Answer(v.peerNames(), false, List.of());
        }
        List<RouteEntry> out = new ArrayList<>();
        for (Family f : families) {
            if (out.size() > limit) {
                break;
            }
            out.addAll(v.ribIn(peer, f, limit + 1 - out.size()));
        }
        return new Answer(List.of(), true, out);
    }
}
