package dev.petrel.fsm.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * Raw socket options the epoll transport sets with {@code setsockopt(2)}; Linux values from
 * {@code <netinet/in.h>} and {@code <linux/in6.h>}.
 */
final class SocketOptions {
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;

    static final ChannelOption<Integer> IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
    static final ChannelOption<Integer> IP_MINTTL = new IntegerUnixChannelOption("IP_MINTTL", IPPROTO_IP, 21);
    static final ChannelOption<Integer> IPV6_UNICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);
    static final ChannelOption<Integer> IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", IPPROTO_IPV6, 26);
    static final ChannelOption<Integer> IPV6_MINHOPCOUNT =
            new IntegerUnixChannelOption("IPV6_MINHOPCOUNT", IPPROTO_IPV6, 73);

    private SocketOptions() {
    }

    /** Sets an option or throws: Netty's bootstraps only log a warning when an option cannot be set. */
    static <T> void set(Channel ch, ChannelOption<T> option, T value) {
        if (!ch.config().setOption(option, value)) {
            throw new ChannelException(option + " is not supported by " + ch.getClass().getSimpleName());
        }
    }

    /**
     * The sending TTL and the receiving floor, at the IP level that carries the traffic: {@code IPPROTO_IP} for
     * IPv4 (also on an IPv6 socket talking to an IPv4-mapped peer, where the kernel runs the IPv4 paths),
     * {@code IPPROTO_IPV6} for IPv6.
     */
    static void setTtl(Channel ch, boolean ipv4Traffic, int ttl, int minTtl) {
        if (ipv4Traffic) {
            set(ch, IP_TTL, ttl);
            set(ch, IP_MINTTL, minTtl);
        } else {
            set(ch, IPV6_UNICAST_HOPS, ttl);
            set(ch, IPV6_MINHOPCOUNT, minTtl);
        }
    }
}
