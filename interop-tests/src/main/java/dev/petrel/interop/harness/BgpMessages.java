package dev.petrel.interop.harness;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;

/**
 * BGP messages as raw bytes, for {@link ScriptedSpeaker}: written octet by octet from the RFC layouts so that a
 * test can also write what no encoder would (a wrong length, an undefined ORIGIN). 4-octet AS numbers throughout
 * (the speaker offers the capability, RFC 6793).
 */
public final class BgpMessages {
    public static final int OPEN = 1;
    public static final int UPDATE = 2;
    public static final int KEEPALIVE = 4;

    /** Attribute flags: optional, transitive, partial, extended length. */
    public static final int OPTIONAL = 0x80;
    public static final int TRANSITIVE = 0x40;

    private BgpMessages() {
    }

    /** A message: marker, length, type, body. */
    public static byte[] message(int type, byte[] body) {
        int len = 19 + body.length;
        byte[] m = new byte[len];
        for (int i = 0; i < 16; i++) {
            m[i] = (byte) 0xff;
        }
        m[16] = (byte) (len >>> 8);
        m[17] = (byte) len;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    public static byte[] keepalive() {
        return message(KEEPALIVE, new byte[0]);
    }

    /** OPEN with Multiprotocol IPv4 unicast and 4-octet AS capabilities. */
    public static byte[] open(long as, int hold, String bgpId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(4);
        int myAs = as > 0xffff ? 23456 : (int) as;
        b.write(myAs >>> 8);
        b.write(myAs);
        b.write(hold >>> 8);
        b.write(hold);
        b.writeBytes(address(bgpId));
        byte[] caps = {
            2, 6, 1, 4, 0, 1, 0, 1, // Multiprotocol: AFI 1, SAFI 1
            2, 6, 65, 4, (byte) (as >>> 24), (byte) (as >>> 16), (byte) (as >>> 8), (byte) as // 4-octet AS
        };
        b.write(caps.length);
        b.writeBytes(caps);
        return message(OPEN, b.toByteArray());
    }

    /** One path attribute, with the extended length flag when the value needs it. */
    public static byte[] attribute(int flags, int type, byte[] value) {
        return rawAttribute(flags, type, value.length, value);
    }

    /** One path attribute whose length field says {@code length}, whatever {@code value}'s real length. */
    public static byte[] rawAttribute(int flags, int type, int length, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean extended = length > 255;
        b.write(extended ? flags | 0x10 : flags & ~0x10);
        b.write(type);
        if (extended) {
            b.write(length >>> 8);
        }
        b.write(length);
        b.writeBytes(value);
        return b.toByteArray();
    }

    /** ORIGIN (type 1) with {@code value}: 0 IGP, 1 EGP, 2 INCOMPLETE; anything else is malformed (RFC 7606 §7.1). */
    public static byte[] origin(int value) {
        return attribute(TRANSITIVE, 1, new byte[] {(byte) value});
    }

    /** AS_PATH (type 2): one AS_SEQUENCE of 4-octet ASNs (none: an empty AS_PATH). */
    public static byte[] asPath(long... ases) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (ases.length > 0) {
            b.write(2);
            b.write(ases.length);
            for (long as : ases) {
                b.writeBytes(new byte[] {(byte) (as >>> 24), (byte) (as >>> 16), (byte) (as >>> 8), (byte) as});
            }
        }
        return attribute(TRANSITIVE, 2, b.toByteArray());
    }

    /** NEXT_HOP (type 3). */
    public static byte[] nextHop(String ipv4) {
        return attribute(TRANSITIVE, 3, address(ipv4));
    }

    /** MULTI_EXIT_DISC (type 4). */
    public static byte[] med(long med) {
        return attribute(OPTIONAL, 4, new byte[] {(byte) (med >>> 24), (byte) (med >>> 16), (byte) (med >>> 8),
            (byte) med});
    }

    /** UPDATE: withdrawn IPv4 prefixes, the attributes (concatenated as given), IPv4 NLRI. */
    public static byte[] update(List<String> withdrawn, List<byte[]> attributes, List<String> nlri) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] w = prefixes(withdrawn);
        b.write(w.length >>> 8);
        b.write(w.length);
        b.writeBytes(w);
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        attributes.forEach(a::writeBytes);
        b.write(a.size() >>> 8);
        b.write(a.size());
        b.writeBytes(a.toByteArray());
        b.writeBytes(prefixes(nlri));
        return message(UPDATE, b.toByteArray());
    }

    /** IPv4 prefixes in NLRI encoding: length in bits, then as many octets as it needs. */
    static byte[] prefixes(List<String> prefixes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String p : prefixes) {
            int slash = p.indexOf('/');
            int len = Integer.parseInt(p.substring(slash + 1));
            byte[] addr = address(p.substring(0, slash));
            b.write(len);
            b.write(addr, 0, (len + 7) / 8);
        }
        return b.toByteArray();
    }

    private static byte[] address(String ipv4) {
        try {
            byte[] a = InetAddress.getByName(ipv4).getAddress();
            if (a.length != 4) {
                throw new IllegalArgumentException("not IPv4: " + ipv4);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + ipv4, e);
        }
    }

    /** Hex, as {@link ScriptedSpeaker} files carry messages. */
    public static String hex(byte[] message) {
        return HexFormat.of().formatHex(message);
    }
}
