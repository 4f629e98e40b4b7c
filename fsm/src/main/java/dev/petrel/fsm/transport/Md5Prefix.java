package dev.petrel.fsm.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A prefix a listener holds one TCP MD5 key for (a listen range's), as the kernel's {@code TCP_MD5SIG_EXT} with
 * {@code TCP_MD5SIG_FLAG_PREFIX} stores it: the network address and the prefix length.
 *
 * @param network the network address, host bits zero (normalised: an IPv4-mapped address is IPv4)
 * @param length 0..32 for IPv4, 0..128 for IPv6
 */
public record Md5Prefix(InetAddress network, int length) {
    public Md5Prefix {
        network = Addresses.normalise(Objects.requireNonNull(network, "network"));
        int bits = network instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is not 0.." + bits);
        }
        byte[] b = network.getAddress();
        byte[] masked = mask(b, length);
        if (!Arrays.equals(b, masked)) {
            throw new IllegalArgumentException(network.getHostAddress() + "/" + length + " has host bits set");
        }
    }

    public boolean ipv4() {
        return network instanceof Inet4Address;
    }

    /** Whether {@code address} (normalised) is inside this prefix; false across families. */
    public boolean contains(InetAddress address) {
        byte[] a = Addresses.normalise(address).getAddress();
        byte[] n = network.getAddress();
        return a.length == n.length && Arrays.equals(mask(a, length), n);
    }

    private static byte[] mask(byte[] b, int length) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }
}
