package dev.petrel.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP health endpoints ({@code petrel.admin.http}, {@code petrel.admin.ready-grace}, {@code petrel.admin.tls}).
 *
 * @param address where to serve {@code /livez} and {@code /readyz}; null when {@code off}. A loopback address
 *     unless {@code tls} is set
 * @param readyGrace how long after start {@code /readyz} waits for every peer to be Established with End-of-RIB
 *     received, before settling for one Established peer
 * @param tls serve HTTPS with these files; null for plain HTTP
 */
public record HttpOptions(ListenAddress address, Duration readyGrace, Tls tls) {
    /** reference.conf's values, for configurations built in code. */
    public static final HttpOptions DEFAULT =
            new HttpOptions(ListenReader.parse("127.0.0.1:9179"), Duration.ofSeconds(120), null);

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
