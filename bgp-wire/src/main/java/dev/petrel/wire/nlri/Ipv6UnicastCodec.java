package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import io.netty.buffer.ByteBuf;

/** IPv6 unicast NLRI in MP_REACH/MP_UNREACH (RFC 4760, RFC 2545). */
public final class Ipv6UnicastCodec implements NlriCodec {
    public static final Ipv6UnicastCodec INSTANCE = new Ipv6UnicastCodec();

    private Ipv6UnicastCodec() {}

    @Override
    public Family family() {
        return Family.IPV6_UNICAST;
    }

    @Override
    public PrefixList decode(byte[] buf, int from, int to, boolean addPath, StringBuilder why) {
        int count = NlriScan.count(buf, from, to, addPath, 128, "IPv6", why);
        if (count < 0) {
            return null;
        }
        if (count == 0) {
            return Ipv6PrefixList.EMPTY;
        }
        long[] words = new long[2 * count];
        byte[] lengths = new byte[count];
        int[] ids = addPath ? new int[count] : null;
        int p = from;
        for (int i = 0; i < count; i++) {
            if (addPath) {
                ids[i] = Ipv4.read(buf, p);
                p += 4;
            }
            int len = buf[p++] & 0xff;
            int octets = (len + 7) >>> 3;
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 8; k++) {
                hi = (hi << 8) | (k < octets ? buf[p + k] & 0xff : 0);
                lo = (lo << 8) | (k + 8 < octets ? buf[p + k + 8] & 0xff : 0);
            }
            p += octets;
            // Mask host bits here rather than through Ipv6Prefix: no object per prefix on the hot path.
            if (len <= 64) {
                hi &= len == 0 ? 0 : -1L << (64 - len);
                lo = 0;
            } else {
                lo &= -1L << (128 - len);
            }
            words[2 * i] = hi;
            words[2 * i + 1] = lo;
            lengths[i] = (byte) len;
        }
        return new Ipv6PrefixList(words, lengths, count, ids);
    }

    @Override
    public int encodedLength(PrefixList list, int i, boolean addPath) {
        return (addPath ? 5 : 1) + ((list.length(i) + 7) >>> 3);
    }

    @Override
    public void encode(PrefixList list, int i, boolean addPath, ByteBuf out) {
        Ipv6PrefixList l = (Ipv6PrefixList) list;
        if (addPath) {
            out.writeInt((int) l.pathId(i));
        }
        int len = l.length(i);
        out.writeByte(len);
        long hi = l.high(i);
        long lo = l.low(i);
        for (int k = 0, n = (len + 7) >>> 3; k < n; k++) {
            out.writeByte((int) (k < 8 ? hi >>> (56 - 8 * k) : lo >>> (56 - 8 * (k - 8))));
        }
    }

    @Override
    public boolean isValidNextHopLength(int length, boolean extendedNextHop) {
        // RFC 2545 §3: a global address, or a global and a link-local one.
        return length == 16 || length == 32;
    }
}
