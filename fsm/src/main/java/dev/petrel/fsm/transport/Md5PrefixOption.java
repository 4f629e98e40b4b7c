package dev.petrel.fsm.transport;

import io.netty.channel.Channel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sets or deletes a listener's TCP MD5 key for a whole prefix: {@code setsockopt(fd, IPPROTO_TCP,
 * TCP_MD5SIG_EXT, struct tcp_md5sig)} with {@code TCP_MD5SIG_FLAG_PREFIX} (Linux 4.13). Netty's own
 * {@code EpollChannelOption.TCP_MD5SIG} takes exact addresses only; its {@link RawUnixChannelOption} passes our
 * bytes to {@code setsockopt} on the channel's own descriptor, so no second native binding is needed.
 *
 * <p>The kernel keeps prefix keys beside exact ones and picks the longest match for a SYN's source address
 * ({@code tcp_md5_do_lookup}), so a configured peer's exact key inside a range wins over the range's key; and
 * Netty, which deletes only the exact addresses it set itself, never removes a prefix key. The accepted socket
 * gets a copy of the matching key for its peer's address alone ({@code tcp_v4_syn_recv_sock}).
 *
 * <p>On an IPv6 socket an IPv4 prefix is written as an IPv4-mapped address ({@code ::ffff:a.b.c.d}) with the
 * IPv4 prefix length (0..32, which {@code tcp_v6_parse_md5_keys} requires), and the kernel files it as an IPv4
 * key: that is what a dual-stack listener matches IPv4 SYNs against.
 */
final class Md5PrefixOption {
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_MD5SIG_EXT = 32;
    private static final int TCP_MD5SIG_FLAG_PREFIX = 1;
    private static final short AF_INET = 2;
    private static final short AF_INET6 = 10;
    /** {@code struct tcp_md5sig}: sockaddr_storage (128), flags, prefixlen, keylen (u16), ifindex (int), key[80]. */
    static final int STRUCT_SIZE = 128 + 1 + 1 + 2 + 4 + TransportSettings.MAX_MD5_KEY_LENGTH;
    private static final RawUnixChannelOption OPTION =
            new RawUnixChannelOption("TCP_MD5SIG_EXT", IPPROTO_TCP, TCP_MD5SIG_EXT, STRUCT_SIZE);

    private Md5PrefixOption() {
    }

    /**
     * @param ipv6Socket whether the listener is an IPv6 socket (IPv6-only or dual-stack)
     * @param key the key, or null to delete the prefix's key
     */
    static void set(Channel listener, boolean ipv6Socket, Md5Prefix prefix, byte[] key) {
        SocketOptions.set(listener, OPTION, struct(ipv6Socket, prefix, key));
    }

    /** The struct in the machine's byte order, but the port (0) and the address in network order. */
    static ByteBuffer struct(boolean ipv6Socket, Md5Prefix prefix, byte[] key) {
        ByteBuffer b = ByteBuffer.allocateDirect(STRUCT_SIZE).order(ByteOrder.nativeOrder());
        byte[] a = prefix.network().getAddress();
        if (!ipv6Socket) {
            b.putShort(0, AF_INET); // sockaddr_in: family, port, address
            b.put(4, a);
        } else {
            b.putShort(0, AF_INET6); // sockaddr_in6: family, port, flowinfo, address, scope id
            if (a.length == 4) {
                b.put(8 + 10, (byte) 0xff).put(8 + 11, (byte) 0xff);
                b.put(8 + 12, a);
            } else {
                b.put(8, a);
            }
        }
        b.put(128, (byte) TCP_MD5SIG_FLAG_PREFIX);
        b.put(129, (byte) prefix.length());
        if (key != null) {
            b.putShort(130, (short) key.length);
            b.put(136, key);
        }
        return b;
    }
}
