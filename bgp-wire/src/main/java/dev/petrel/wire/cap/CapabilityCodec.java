package dev.petrel.wire.cap;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Capability TLVs (RFC 5492 §4): code, length, value. Each decoder reads only its own value, so a capability with
 * a wrong length cannot read its neighbour (GoBGP GHSA-gjrg-jjr3-56cm); a wrong length is an error the OPEN
 * decoder turns into NOTIFICATION 2/0.
 */
public final class CapabilityCodec {
    private CapabilityCodec() {}

    /** Thrown inside the OPEN decoder only, and caught there: never escapes the codec. */
    public static final class MalformedCapability extends Exception {
        public MalformedCapability(String message) {
            super(message, null, false, false);
        }
    }

    /** Decodes the capability with {@code code} whose value is {@code b[off, off+len)}. */
    public static Capability decode(int code, byte[] b, int off, int len) throws MalformedCapability {
        return switch (code) {
            case Capability.MULTIPROTOCOL -> {
                expect(code, "multiprotocol", len, 4);
                yield new Capability.Multiprotocol(Family.of(u16(b, off), b[off + 3] & 0xff));
            }
            case Capability.ROUTE_REFRESH -> {
                expect(code, "route refresh", len, 0);
                yield new Capability.RouteRefresh();
            }
            case Capability.ENHANCED_ROUTE_REFRESH -> {
                expect(code, "enhanced route refresh", len, 0);
                yield new Capability.EnhancedRouteRefresh();
            }
            case Capability.EXTENDED_MESSAGE -> {
                expect(code, "extended message", len, 0);
                yield new Capability.ExtendedMessage();
            }
            case Capability.FOUR_OCTET_AS -> {
                expect(code, "4-octet AS", len, 4);
                yield new Capability.FourOctetAs(Integer.toUnsignedLong(u32(b, off)));
            }
            case Capability.GRACEFUL_RESTART -> {
                if (len < 2 || (len - 2) % 4 != 0) {
                    throw new MalformedCapability("graceful restart capability length " + len + " is not 2 + 4n");
                }
                int head = u16(b, off);
                List<Capability.GrFamily> fams = new ArrayList<>();
                for (int p = off + 2; p < off + len; p += 4) {
                    fams.add(new Capability.GrFamily(Family.of(u16(b, p), b[p + 2] & 0xff), (b[p + 3] & 0x80) != 0));
                }
                yield new Capability.GracefulRestart((head & 0x8000) != 0, (head & 0x4000) != 0, head & 0x0fff, fams);
            }
            case Capability.LONG_LIVED_GRACEFUL_RESTART -> {
                if (len % 7 != 0) {
                    throw new MalformedCapability("long-lived graceful restart capability length " + len
                            + " is not a multiple of 7");
                }
                List<Capability.LlgrFamily> fams = new ArrayList<>();
                for (int p = off; p < off + len; p += 7) {
                    int stale = ((b[p + 4] & 0xff) << 16) | ((b[p + 5] & 0xff) << 8) | (b[p + 6] & 0xff);
                    fams.add(new Capability.LlgrFamily(Family.of(u16(b, p), b[p + 2] & 0xff), (b[p + 3] & 0x80) != 0,
                            stale));
                }
                yield new Capability.LongLivedGracefulRestart(fams);
            }
            case Capability.ADD_PATH -> {
                if (len == 0 || len % 4 != 0) {
                    throw new MalformedCapability("ADD-PATH capability length " + len
                            + " is not a non-zero multiple of 4");
                }
                List<Capability.AddPathFamily> fams = new ArrayList<>();
                for (int p = off; p < off + len; p += 4) {
                    int sr = b[p + 3] & 0xff;
                    if (sr < 1 || sr > 3) {
                        // RFC 7911 §4: any other Send/Receive value makes the capability "not understood and
                        // ignored", not an OPEN error. FRR 8.4 sends 0 under `neighbor X disable-addpath-rx`.
                        yield new Capability.Unknown(code, Bytes.of(b, off, len));
                    }
                    fams.add(new Capability.AddPathFamily(Family.of(u16(b, p), b[p + 2] & 0xff), (sr & 1) != 0,
                            (sr & 2) != 0));
                }
                yield new Capability.AddPath(fams);
            }
            case Capability.EXTENDED_NEXT_HOP -> {
                if (len == 0 || len % 6 != 0) {
                    throw new MalformedCapability("extended next hop capability length " + len
                            + " is not a non-zero multiple of 6");
                }
                List<Capability.ExtendedNextHopEntry> es = new ArrayList<>();
                for (int p = off; p < off + len; p += 6) {
                    es.add(new Capability.ExtendedNextHopEntry(u16(b, p), u16(b, p + 2), u16(b, p + 4)));
                }
                yield new Capability.ExtendedNextHop(es);
            }
            case Capability.ROLE -> {
                expect(code, "role", len, 1);
                BgpRole role = BgpRole.fromValue(b[off] & 0xff);
                // RFC 9234 §4.1: unassigned values are reserved; keep them visible rather than guess.
                yield role == null ? new Capability.Unknown(code, Bytes.of(b, off, len)) : new Capability.Role(role);
            }
            case Capability.FQDN -> {
                if (len < 2) {
                    throw new MalformedCapability("FQDN capability length " + len + " is less than 2");
                }
                int hl = b[off] & 0xff;
                if (1 + hl + 1 > len) {
                    throw new MalformedCapability("FQDN host name length " + hl + " runs past the capability");
                }
                int dl = b[off + 1 + hl] & 0xff;
                if (2 + hl + dl > len) {
                    throw new MalformedCapability("FQDN domain name length " + dl + " runs past the capability");
                }
                yield new Capability.Fqdn(name(b, off + 1, hl), name(b, off + 2 + hl, dl));
            }
            case Capability.SOFTWARE_VERSION -> {
                if (len < 1) {
                    throw new MalformedCapability("software version capability is empty");
                }
                int sl = b[off] & 0xff;
                if (sl == 0 || 1 + sl > len) {
                    throw new MalformedCapability("software version length " + sl + " is 0 or runs past the capability");
                }
                yield new Capability.SoftwareVersion(name(b, off + 1, sl));
            }
            default -> new Capability.Unknown(code, Bytes.of(b, off, len));
        };
    }

    private static void expect(int code, String name, int len, int want) throws MalformedCapability {
        if (len != want) {
            throw new MalformedCapability(name + " capability (" + code + ") length " + len + " is not " + want);
        }
    }

    /** Writes code, length and value. */
    public static void encode(Capability c, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(c.code());
        out.writeByte(0); // length, patched below
        switch (c) {
            case Capability.Multiprotocol m -> {
                out.writeShort(m.family().afi());
                out.writeByte(0);
                out.writeByte(m.family().safi());
            }
            case Capability.RouteRefresh r -> { }
            case Capability.EnhancedRouteRefresh r -> { }
            case Capability.ExtendedMessage e -> { }
            case Capability.FourOctetAs f -> out.writeInt((int) f.as());
            case Capability.GracefulRestart g -> {
                out.writeShort((g.restarting() ? 0x8000 : 0) | (g.notification() ? 0x4000 : 0) | g.restartTime());
                for (Capability.GrFamily f : g.families()) {
                    out.writeShort(f.family().afi());
                    out.writeByte(f.family().safi());
                    out.writeByte(f.forwardingPreserved() ? 0x80 : 0);
                }
            }
            case Capability.LongLivedGracefulRestart l -> {
                for (Capability.LlgrFamily f : l.families()) {
                    out.writeShort(f.family().afi());
                    out.writeByte(f.family().safi());
                    out.writeByte(f.forwardingPreserved() ? 0x80 : 0);
                    out.writeMedium(f.staleTime());
                }
            }
            case Capability.AddPath a -> {
                for (Capability.AddPathFamily f : a.families()) {
                    out.writeShort(f.family().afi());
                    out.writeByte(f.family().safi());
                    out.writeByte((f.receive() ? 1 : 0) | (f.send() ? 2 : 0));
                }
            }
            case Capability.ExtendedNextHop x -> {
                for (Capability.ExtendedNextHopEntry e : x.entries()) {
                    out.writeShort(e.nlriAfi());
                    out.writeShort(e.nlriSafi());
                    out.writeShort(e.nextHopAfi());
                }
            }
            case Capability.Role r -> out.writeByte(r.role().value());
            case Capability.Fqdn f -> {
                byte[] h = truncated(f.hostname());
                byte[] d = truncated(f.domain());
                out.writeByte(h.length).writeBytes(h).writeByte(d.length).writeBytes(d);
            }
            case Capability.SoftwareVersion s -> {
                byte[] v = truncated(s.version());
                out.writeByte(v.length).writeBytes(v);
            }
            case Capability.Unknown u -> out.writeBytes(u.value().toByteArray());
        }
        int len = out.writerIndex() - start - 2;
        if (len > 255) {
            throw new IllegalArgumentException("capability " + c.code() + " is longer than 255 octets");
        }
        out.setByte(start + 1, len);
    }

    /**
     * A received name as Petrel holds it: decoded (invalid UTF-8 becomes U+FFFD), then cut as {@link #truncated}
     * cuts it when sending. Without the cut, a name over 64 octets (or one whose invalid octets grow to three each
     * as U+FFFD) changed on the way out and back: decode(encode(decode(x))) was not decode(x). FRR keeps 64 octets
     * of each too.
     */
    private static String name(byte[] b, int off, int len) {
        return new String(truncated(new String(b, off, len, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** UTF-8, cut to at most 64 octets on a character boundary (names are informational). */
    private static byte[] truncated(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 64) {
            return b;
        }
        int n = 64;
        while (n > 0 && (b[n] & 0xc0) == 0x80) {
            n--;
        }
        return java.util.Arrays.copyOf(b, n);
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static int u32(byte[] b, int p) {
        return (u16(b, p) << 16) | u16(b, p + 2);
    }
}
