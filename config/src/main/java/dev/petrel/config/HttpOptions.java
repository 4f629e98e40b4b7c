package dev.petrel.config;

import java.time.Duration;

/**
 * The HTTP health endpoints ({@code petrel.admin.http}, {@code petrel.admin.ready-grace}).
 *
 * @param address where to serve {@code /livez} and {@code /readyz}, a loopback address; null when {@code off}
 * @param readyGrace how long after start {@code /readyz} waits for every peer to be Established with End-of-RIB
 *     received, before settling for one Established peer
 */
public record HttpOptions(ListenAddress address, Duration readyGrace) {
    /** reference.conf's values, for configurations built in code. */
    public static final HttpOptions DEFAULT =
            new HttpOptions(ListenReader.parse("127.0.0.1:9179"), Duration.ofSeconds(120));

    public boolean enabled() {
        return address != null;
    }
}
