package dev.petrel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP health endpoints ({@code petrel.admin.http}, {@code petrel.admin.ready-grace}, {@code petrel.admin.tls}).
 *
 * @param address where to serve {@code /livez} and {@code /readyz}; null when {@code off}. A loopback address
 *     unless {@code tls} is set
 * @param readyGrace how long after start {@code /readyz} waits for every peer to be Established with End-of-RIB
 *     received, before settling for one Established peer
 * @param tls serve HTTPS with these files; null for plain HTTP
 * @param authorization who may use the read-only endpoints (health, metrics) and the mutating ones (reload, peer
 *     shutdown and start)
 */
public record HttpOptions(ListenAddress address, Duration readyGrace, Tls tls, Authorization authorization) {
    /** reference.conf's values, for configurations built in code. */
    public static final HttpOptions DEFAULT =
            new HttpOptions(ListenReader.parse("127.0.0.1:9179"), Duration.ofSeconds(120), null);

    /** With the default authorisation: anyone who can connect reads, nobody writes. */
    public HttpOptions(ListenAddress address, Duration readyGrace, Tls tls) {
        this(address, readyGrace, tls, Authorization.DEFAULT);
    }

    /**
     * {@code petrel.admin.authorization}: who may use which endpoints, as lists of entries. An entry is
     * {@link #ANY} (every client that got through TLS: with mutual TLS, one with a verified certificate),
     * {@link #LOOPBACK} (a client connecting from a loopback address), or a name matched exactly against the
     * verified client certificate's subject CN and its DNS subject alternative names (needs mutual TLS).
     *
     * @param read who may GET {@code /livez}, {@code /readyz}, {@code /metrics}
     * @param write who may POST {@code /reload}, {@code /peers/NAME/shutdown}, {@code /peers/NAME/start}; empty
     *     means nobody (the default)
     */
    public record Authorization(List<String> read, List<String> write) {
        public static final String ANY = "*";
        public static final String LOOPBACK = "loopback";
        public static final Authorization DEFAULT = new Authorization(List.of(ANY), List.of());

        public Authorization {
            read = List.copyOf(read);
            write = List.copyOf(write);
        }
    }

    /**
     * PEM files, read when the server starts.
     *
     * @param certificate the server's certificate chain, leaf first
     * @param key its private key: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1/SEC 1 ({@code RSA PRIVATE KEY},
     *     {@code EC PRIVATE KEY}), unencrypted
     * @param clientCa CA certificates that sign client certificates; when set, a client must present one (mutual
     *     TLS); null for any client
     */
    public record Tls(Path certificate, Path key, Path clientCa) {}

    public boolean enabled() {
        return address != null;
    }
}
