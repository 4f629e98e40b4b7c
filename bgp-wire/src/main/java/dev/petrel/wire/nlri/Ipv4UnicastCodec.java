package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import io.netty.buffer.ByteBuf;

/** IPv4 unicast NLRI (RFC 4271 §4.3), in the UPDATE's own fields or in MP_REACH/MP_UNREACH (RFC 4760). */
public final class Ipv4UnicastCodec implements NlriCodec {
    public static final Ipv4UnicastCodec INSTANCE = new Ipv4UnicastCodec();

    private Ipv4UnicastCodec() {}

    @Override
    public Family family() {
        return Family.IPV4_UNICAST;
    }

    @Override
    public PrefixList decode(byte[] buf, int from, int to, boolean addPath, StringBuilder why) {
        // Pass 1 checks the whole field and counts, so that pass 2 fills exactly-sized arrays and a malformed
        // field allocates nothing.
        int count = NlriScan.count(buf, from, to, addPath, 32, "IPv4", why);
        if (count < 0) {
            return null;
        }
        if (count == 0) {
            return Ipv4PrefixList.EMPTY;
        }
        long[] entries = new long[count];
        int[] ids = addPath ? new int[count] : null;
        int p = from;
        for (int i = 0; i < count; i++) {
            if (addPath) {
                ids[i] = Ipv4.read(buf, p);
                p += 4;
            }
            int len = buf[p++] & 0xff;
            int octets = (len + 7) >>> 3;
            int a = 0;
            for (int k = 0; k < 4; k++) {
                a = (a << 8) | (k < octets ? buf[p + k] & 0xff : 0);
            }
            p += octets;
            a &= Ipv4Prefix.mask(len);
            entries[i] = Ipv4PrefixList.entry(a, len);
        }
        return new Ipv4PrefixList(entries, count, ids);
    }

    @Override
    public int encodedLength(PrefixList list, int i, boolean addPath) {
        return (addPath ? 5 : 1) + ((list.length(i) + 7) >>> 3);
    }

    @Override
    public void encode(PrefixList list, int i, boolean addPath, ByteBuf out) {
        Ipv4PrefixList l = (Ipv4PrefixList) list;
        if (addPath) {
            out.writeInt((int) l.pathId(i));
        }
        int len = l.length(i);
        out.writeByte(len);
        int a = l.address(i);
        for (int k = 0, n = (len + 7) >>> 3; k < n; k++) {
            out.writeByte(a >>> (24 - 8 * k));
        }
    }

    @Override
    public boolean isValidNextHopLength(int length, boolean extendedNextHop) {
        // RFC 8950: with the extended next hop capability an IPv4 route may have an IPv6 next hop (16 or 32).
        return length == 4 || (extendedNextHop && (length == 16 || length == 32));
    }
}
