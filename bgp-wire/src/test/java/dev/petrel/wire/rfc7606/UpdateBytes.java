package dev.petrel.wire.rfc7606;

import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Raw UPDATE bytes written field by field. Every attribute is given as explicit flags, type, length and value, so
 * that malformed messages (wrong flags, lengths that disagree with the value, stray octets) can be written as
 * easily as correct ones. Nothing here validates anything: that is the decoder's job.
 */
final class UpdateBytes {
    static final int WELL_KNOWN = 0x40;
    static final int OPT_TRANS = 0xC0;
    static final int OPT_NON_TRANS = 0x80;
    static final int EXT_LEN = 0x10;

    /** One entry of the attribute section; type -1 for raw octets that are not an attribute. */
    private record Attr(int type, byte[] raw) {}

    private final List<Attr> attrs = new ArrayList<>();
    private final ByteArrayOutputStream withdrawn = new ByteArrayOutputStream();
    private final ByteArrayOutputStream nlri = new ByteArrayOutputStream();
    private final List<Prefix> announced = new ArrayList<>();
    private int withdrawnLength = -1;
    private int totalAttributeLength = -1;
    private int messageLength = -1;

    private UpdateBytes() {}

    /** No withdrawn routes, no attributes, no NLRI: the IPv4 End-of-RIB until something is added. */
    static UpdateBytes empty() {
        return new UpdateBytes();
    }

    /** ORIGIN IGP, AS_PATH 65001 (4-octet ASNs), NEXT_HOP 192.0.2.1. */
    static UpdateBytes standard() {
        return empty().attr(WELL_KNOWN, 1, "00").attr(WELL_KNOWN, 2, asPath4(65001)).attr(WELL_KNOWN, 3, "c0000201");
    }

    /** The same for a session without the 4-octet AS capability: AS_PATH with 2-octet ASNs. */
    static UpdateBytes standard2() {
        return empty().attr(WELL_KNOWN, 1, "00").attr(WELL_KNOWN, 2, asPath2(65001)).attr(WELL_KNOWN, 3, "c0000201");
    }

    /** Appends an attribute whose length field is the value's length (2 octets when EXT_LEN is in the flags). */
    UpdateBytes attr(int flags, int type, String valueHex) {
        byte[] v = hex(valueHex);
        attrs.add(new Attr(type, encodeAttr(flags, type, v.length, v)));
        return this;
    }

    UpdateBytes attr(int flags, int type, byte[] value) {
        attrs.add(new Attr(type, encodeAttr(flags, type, value.length, value)));
        return this;
    }

    /** Appends an attribute whose length field says {@code declared}, whatever the value holds. */
    UpdateBytes attrDeclared(int flags, int type, int declared, String valueHex) {
        attrs.add(new Attr(type, encodeAttr(flags, type, declared, hex(valueHex))));
        return this;
    }

    /** Replaces the first attribute of {@code type} in place (or appends one): for a malformed mandatory one. */
    UpdateBytes set(int flags, int type, String valueHex) {
        return set(flags, type, hex(valueHex));
    }

    UpdateBytes set(int flags, int type, byte[] v) {
        Attr a = new Attr(type, encodeAttr(flags, type, v.length, v));
        for (int i = 0; i < attrs.size(); i++) {
            if (attrs.get(i).type() == type) {
                attrs.set(i, a);
                return this;
            }
        }
        attrs.add(a);
        return this;
    }

    UpdateBytes without(int type) {
        attrs.removeIf(a -> a.type() == type);
        return this;
    }

    /** Appends octets to the attribute section as they are (stray octets, garbage). */
    UpdateBytes rawAttributes(String hex) {
        attrs.add(new Attr(-1, hex(hex)));
        return this;
    }

    /** Announces IPv4 prefixes in the NLRI field, correctly encoded. */
    UpdateBytes nlri(String... prefixes) {
        for (String p : prefixes) {
            Prefix prefix = Prefix.parse(p);
            nlri.writeBytes(encodePrefix(prefix));
            announced.add(prefix);
        }
        return this;
    }

    /** Appends raw octets to the NLRI field (they are not recorded as announced). */
    UpdateBytes nlriHex(String hex) {
        nlri.writeBytes(hex(hex));
        return this;
    }

    UpdateBytes withdraw(String... prefixes) {
        for (String p : prefixes) {
            withdrawn.writeBytes(encodePrefix(Prefix.parse(p)));
        }
        return this;
    }

    UpdateBytes withdrawnHex(String hex) {
        withdrawn.writeBytes(hex(hex));
        return this;
    }

    /** MP_REACH_NLRI for IPv6 unicast with a 16-octet next hop; the prefixes are recorded as announced. */
    UpdateBytes mpReachIpv6(String nextHop, String... prefixes) {
        StringBuilder v = new StringBuilder("000201").append("10").append(ipv6Hex(nextHop)).append("00");
        for (String p : prefixes) {
            Prefix prefix = Prefix.parse(p);
            v.append(HexFormat.of().formatHex(encodePrefix(prefix)));
            announced.add(prefix);
        }
        return attr(OPT_NON_TRANS, 14, v.toString());
    }

    /** MP_UNREACH_NLRI for IPv6 unicast (with no prefixes: the IPv6 End-of-RIB). */
    UpdateBytes mpUnreachIpv6(String... prefixes) {
        StringBuilder v = new StringBuilder("000201");
        for (String p : prefixes) {
            v.append(HexFormat.of().formatHex(encodePrefix(Prefix.parse(p))));
        }
        return attr(OPT_NON_TRANS, 15, v.toString());
    }

    UpdateBytes withdrawnRoutesLength(int n) {
        withdrawnLength = n;
        return this;
    }

    UpdateBytes totalPathAttributeLength(int n) {
        totalAttributeLength = n;
        return this;
    }

    UpdateBytes messageLength(int n) {
        messageLength = n;
        return this;
    }

    /** The prefixes this UPDATE announces (NLRI field, then MP_REACH_NLRI), in order. */
    List<Prefix> announced() {
        return List.copyOf(announced);
    }

    byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int wrl = withdrawnLength >= 0 ? withdrawnLength : withdrawn.size();
        body.write(wrl >>> 8);
        body.write(wrl);
        body.writeBytes(withdrawn.toByteArray());
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        for (Attr a : attrs) {
            section.writeBytes(a.raw());
        }
        int tpal = totalAttributeLength >= 0 ? totalAttributeLength : section.size();
        body.write(tpal >>> 8);
        body.write(tpal);
        body.writeBytes(section.toByteArray());
        body.writeBytes(nlri.toByteArray());
        return Wire.message(2, body.toByteArray(), messageLength);
    }

    static byte[] encodeAttr(int flags, int type, int declared, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(flags);
        o.write(type);
        if ((flags & EXT_LEN) != 0) {
            o.write(declared >>> 8);
        }
        o.write(declared);
        o.writeBytes(value);
        return o.toByteArray();
    }

    /** A prefix as NLRI encodes it: the length, then just enough address octets. */
    static byte[] encodePrefix(Prefix p) {
        int octets = (p.length() + 7) / 8;
        byte[] out = new byte[1 + octets];
        out[0] = (byte) p.length();
        if (p instanceof Ipv4Prefix v4) {
            for (int i = 0; i < octets; i++) {
                out[1 + i] = (byte) (v4.address() >>> (24 - 8 * i));
            }
        } else {
            Ipv6Prefix v6 = (Ipv6Prefix) p;
            for (int i = 0; i < octets; i++) {
                long w = i < 8 ? v6.high() : v6.low();
                out[1 + i] = (byte) (w >>> (56 - 8 * (i % 8)));
            }
        }
        return out;
    }

    /** An AS_PATH value of one AS_SEQUENCE of 4-octet ASNs. */
    static String asPath4(long... asns) {
        StringBuilder sb = new StringBuilder(String.format("02%02x", asns.length));
        for (long a : asns) {
            sb.append(String.format("%08x", a));
        }
        return sb.toString();
    }

    /** An AS_PATH value of one AS_SEQUENCE of 2-octet ASNs. */
    static String asPath2(int... asns) {
        StringBuilder sb = new StringBuilder(String.format("02%02x", asns.length));
        for (int a : asns) {
            sb.append(String.format("%04x", a));
        }
        return sb.toString();
    }

    static String ipv6Hex(String address) {
        long[] a = Ipv6.parse(address);
        return String.format("%016x%016x", a[0], a[1]);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
