package dev.petrel.daemon.admin;

import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Peers in every shape {@code show peers} must print, at a fixed instant, and socket paths that fit. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {}

    public static List<PeerStatus> peers() {
        Instant up = NOW.minusSeconds(83);
        PeerStatus established = new PeerStatus("tor-a", "10.0.0.1", 65001, SessionState.ESTABLISHED, up, up,
                new PeerStatus.LastError("received", 6, 4, "Cease/Administrative Reset",
                        NOW.minus(Duration.ofHours(1))),
                new PeerStatus.Negotiated("10.0.0.1", 65001, 90, 30, List.of("ipv4-unicast", "ipv6-unicast"),
                        List.of("ipv4-unicast"), List.of(), List.of("four-octet-as", "route-refresh"),
                        List.of("multiprotocol", "four-octet-as", "route-refresh", "add-path", "code-73")),
                new PeerStatus.Counters(1200, 1180, 40, 12, 120, 3, 1, 0, 2), 2);
        Instant down = NOW.minus(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4));
        PeerStatus refused = new PeerStatus("tor-b", "fd00::2", 4200000001L, SessionState.ACTIVE, null, down,
                new PeerStatus.LastError("local", 0, 0, "connect: Connection refused", down),
                null, new PeerStatus.Counters(310, 305, 7, 2, 14, 2, 0, 1, 0), 1);
        Instant longAgo = NOW.minus(Duration.ofDays(16).plusHours(5).plusMillis(250));
        PeerStatus steady = new PeerStatus("spine-1", "10.0.0.3", 65003, SessionState.ESTABLISHED, longAgo, longAgo,
                null,
                new PeerStatus.Negotiated("10.255.0.3", 65003, 0, 0, List.of("ipv4-unicast"), List.of(), List.of(),
                        List.of(), List.of()),
                new PeerStatus.Counters(5, 9000, 4, 8000, 5000, 12, 0, 0, 0), 1);
        Instant opened = NOW.minusSeconds(5);
        PeerStatus rejected = new PeerStatus("new-peer", "10.0.0.4", 65004, SessionState.IDLE, null, opened,
                new PeerStatus.LastError("sent", 2, 2, "OPEN Message Error/Bad Peer AS", opened),
                null, PeerStatus.Counters.ZERO, 0);
        return List.of(established, refused, steady, rejected);
    }

    /**
     * A question that holds the thread answering it (the RIB's, the FIB's) until {@code release}, as a burst of work
     * would: what the busy-owner tests ask first.
     */
    public static <V> Function<V, Boolean> holdUntil(CountDownLatch release) {
        return v -> {
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** A socket path in {@code dir}, or under /tmp when {@code dir} would pass the 107-byte limit of sun_path. */
    public static Path socketIn(Path dir) throws IOException {
        Path p = dir.resolve("petrel.sock").toAbsolutePath();
        if (p.toString().length() < 100) {
            return p;
        }
        Path shortDir = Files.createTempDirectory(Path.of("/tmp"), "pt");
        shortDir.toFile().deleteOnExit();
        return shortDir.resolve("petrel.sock");
    }
}
