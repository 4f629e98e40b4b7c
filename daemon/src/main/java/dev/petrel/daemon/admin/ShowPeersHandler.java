package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.speaker.PeerStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** {@code show-peers}: every configured peer, as {@link PeerStatusJson} writes it. */
public final class ShowPeersHandler implements AdminHandler {
    public static final String COMMAND = "show-peers";

    private final Supplier<List<PeerStatus>> peers;
    private final Clock clock;

    /**
     * @param peers returns an immutable snapshot; it is called on an admin thread, so it must not block on or
     *     reach into a BGP event loop
     */
    public ShowPeersHandler(Supplier<List<PeerStatus>> peers) {
        this(peers, Clock.systemUTC());
    }

    /** @param clock the daemon's clock, for {@code time} and {@code uptime_seconds} (fixed in tests) */
    public ShowPeersHandler(Supplier<List<PeerStatus>> peers, Clock clock) {
        this.peers = peers;
        this.clock = clock;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        PeerStatusJson.writePeers(response, peers.get(), clock.instant());
    }
}
