package dev.petrel.fsm.transport;

import io.netty.channel.WriteBufferWaterMark;
import java.util.Objects;

/**
 * Transport-wide settings.
 *
 * @param threads event loop threads; 0 means one per available processor
 * @param writeBufferWaterMark outbound buffer thresholds of every session channel: above {@code high}
 *     {@link io.netty.channel.Channel#isWritable()} turns false, below {@code low} it turns true again
 * @param ipv6Only {@code IPV6_V6ONLY} on IPv6 listeners: {@code true} (the default) lets {@code 0.0.0.0:179}
 *     and {@code [::]:179} be bound side by side; {@code false} makes an IPv6 wildcard listener dual-stack, so
 *     that IPv4 peers arrive as IPv4-mapped addresses (which are normalised to IPv4 before the policy sees them)
 * @param backlog the listen backlog (the kernel caps it at {@code net.core.somaxconn}); the default,
 *     {@link #DEFAULT_BACKLOG}, lets a route reflector's clients all reconnect at once: with 128, 1000 peers
 *     connecting together overflowed the accept queue and waited out 1 s and 3 s SYN retransmissions
 *     (docs/benchmarks.md, "Sessions at scale")
 * @param forceNio use the NIO transport even where epoll is available (tests of the fallback only)
 */
public record TransportConfig(
        int threads, WriteBufferWaterMark writeBufferWaterMark, boolean ipv6Only, int backlog, boolean forceNio) {

    public static final WriteBufferWaterMark DEFAULT_WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);
    /** Linux's own default {@code net.core.somaxconn} since 5.4 (FRR's bgpd listens with SOMAXCONN too). */
    public static final int DEFAULT_BACKLOG = 4096;

    public TransportConfig {
        Objects.requireNonNull(writeBufferWaterMark, "writeBufferWaterMark");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, got " + backlog);
        }
    }

    public static TransportConfig defaults() {
        return new TransportConfig(0, DEFAULT_WATER_MARK, true, DEFAULT_BACKLOG, false);
    }

    public TransportConfig withThreads(int v) {
        return new TransportConfig(v, writeBufferWaterMark, ipv6Only, backlog, forceNio);
    }

    public TransportConfig withWriteBufferWaterMark(WriteBufferWaterMark v) {
        return new TransportConfig(threads, v, ipv6Only, backlog, forceNio);
    }

    public TransportConfig withIpv6Only(boolean v) {
        return new TransportConfig(threads, writeBufferWaterMark, v, backlog, forceNio);
    }

    public TransportConfig withBacklog(int v) {
        return new TransportConfig(threads, writeBufferWaterMark, ipv6Only, v, forceNio);
    }

    public TransportConfig withForceNio(boolean v) {
        return new TransportConfig(threads, writeBufferWaterMark, ipv6Only, backlog, v);
    }
}
