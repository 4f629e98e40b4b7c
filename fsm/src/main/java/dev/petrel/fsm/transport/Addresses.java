package dev.petrel.fsm.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Address helpers: IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) become IPv4. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code ::ffff:a.b.c.d} becomes {@code a.b.c.d}; anything else is returned unchanged. */
    public static InetAddress normalise(InetAddress a) {
        if (a instanceof Inet6Address && isV4Mapped(a.getAddress())) {
            byte[] b = a.getAddress();
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // four octets are always a valid IPv4 address
            }
        }
        return a;
    }

    /** The same with the port kept; {@code null} and unresolved addresses are returned unchanged. */
    public static InetSocketAddress normalise(InetSocketAddress s) {
        if (s == null || s.isUnresolved()) {
            return s;
        }
        InetAddress a = normalise(s.getAddress());
        return a == s.getAddress() ? s : new InetSocketAddress(a, s.getPort());
    }

    static boolean isV4Mapped(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
