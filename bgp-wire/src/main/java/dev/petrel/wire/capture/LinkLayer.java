package dev.petrel.wire.capture;

/**
 * Strips link-layer headers down to the IP packet.
 *
 * <p>Supported link types (the LINKTYPE_ values of the pcap and pcapng formats):
 * <ul>
 *   <li>0 NULL and 108 LOOP: a 4-octet address family, in the capturing host's byte order for NULL (both orders
 *       are accepted) and network order for LOOP; AF_INET is 2, AF_INET6 is 10, 24, 28 or 30 depending on the
 *       operating system.
 *   <li>1 Ethernet, with any number (up to 8) of 802.1Q / 802.1ad / QinQ VLAN tags, 802.2 SNAP, PPPoE session
 *       frames and an MPLS label stack.
 *   <li>9 PPP and 50 PPP in HDLC-like framing: optional 0xff 0x03, then a 1- or 2-octet protocol.
 *   <li>12, 14 and 101 raw IP (12 and 14 are what some systems wrote before 101 existed), 228 raw IPv4,
 *       229 raw IPv6.
 *   <li>104 Cisco HDLC: address, control, 2-octet protocol.
 *   <li>113 Linux cooked capture (SLL, 16 octets) and 276 SLL2 (20 octets).
 *   <li>178 Juniper Ethernet: the "MGC" cookie, a flags octet, optional extension TLVs, then Ethernet (or, with
 *       the no-L2 flag, a 4-octet protocol family and the IP packet).
 * </ul>
 */
final class LinkLayer {
    private LinkLayer() {}

    /** The frame carries something other than IP (ARP, LLDP, IS-IS...): skip silently. */
    static final int NOT_IP = -1;
    /** The link type is not one this class knows. */
    static final int UNSUPPORTED = -2;
    /** The link header is malformed or cut short. */
    static final int MALFORMED = -3;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int MAX_TAGS = 8;

    static boolean supported(int linkType) {
        return switch (linkType) {
            case 0, 1, 9, 12, 14, 50, 101, 104, 108, 113, 178, 228, 229, 276 -> true;
            default -> false;
        };
    }

    /**
     * Finds the IP packet in the frame {@code buf[off, end)}.
     *
     * @return the offset of the IP header, or {@link #NOT_IP}, {@link #UNSUPPORTED} or {@link #MALFORMED}
     */
    static int ipOffset(int linkType, byte[] buf, int off, int end) {
        return switch (linkType) {
            case 0 -> nullFamily(buf, off, end, false);
            case 108 -> nullFamily(buf, off, end, true);
            case 1 -> ethernet(buf, off, end);
            case 9, 50 -> ppp(buf, off, end);
            case 12, 14, 101, 228, 229 -> ipByVersion(buf, off, end);
            case 104 -> end - off < 4 ? MALFORMED : byEthertype(Bytes.u16(buf, off + 2), buf, off + 4, end);
            case 113 -> end - off < 16 ? MALFORMED : byEthertype(Bytes.u16(buf, off + 14), buf, off + 16, end);
            case 276 -> end - off < 20 ? MALFORMED : byEthertype(Bytes.u16(buf, off), buf, off + 20, end);
            case 178 -> juniperEthernet(buf, off, end);
            default -> UNSUPPORTED;
        };
    }

    private static int ipByVersion(byte[] buf, int off, int end) {
        if (end - off < 1) {
            return MALFORMED;
        }
        int v = (buf[off] & 0xff) >>> 4;
        return v == 4 || v == 6 ? off : NOT_IP;
    }

    private static boolean isInetFamily(long family) {
        return family == 2 || family == 10 || family == 24 || family == 28 || family == 30;
    }

    private static int nullFamily(byte[] buf, int off, int end, boolean networkOrderOnly) {
        if (end - off < 4) {
            return MALFORMED;
        }
        long be = Bytes.u32(buf, off);
        long le = Bytes.u32(buf, off, false);
        if (isInetFamily(be) || (!networkOrderOnly && isInetFamily(le))) {
            return ipByVersion(buf, off + 4, end);
        }
        return NOT_IP;
    }

    private static int ethernet(byte[] buf, int off, int end) {
        if (end - off < 14) {
            return MALFORMED;
        }
        int p = off + 12;
        int type = Bytes.u16(buf, p);
        p += 2;
        for (int tags = 0; type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD; tags++) {
            if (tags == MAX_TAGS || end - p < 4) {
                return MALFORMED;
            }
            type = Bytes.u16(buf, p + 2);
            p += 4;
        }
        if (type <= 1500) {
            // 802.3 length field: IP only behind an 802.2 SNAP header.
            if (end - p >= 8 && (buf[p] & 0xff) == 0xaa && (buf[p + 1] & 0xff) == 0xaa && (buf[p + 2] & 0xff) == 3) {
                return byEthertype(Bytes.u16(buf, p + 6), buf, p + 8, end);
            }
            return NOT_IP;
        }
        return byEthertype(type, buf, p, end);
    }

    private static int byEthertype(int type, byte[] buf, int p, int end) {
        switch (type) {
            case ETHERTYPE_IPV4, ETHERTYPE_IPV6:
                return p <= end ? p : MALFORMED;
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST:
                return mpls(buf, p, end);
            case ETHERTYPE_PPPOE_SESSION:
                if (end - p < 8) {
                    return MALFORMED;
                }
                return pppProtocol(Bytes.u16(buf, p + 6), buf, p + 8, end);
            default:
                return NOT_IP;
        }
    }

    private static int mpls(byte[] buf, int p, int end) {
        for (int labels = 0; labels < 16; labels++) {
            if (end - p < 4) {
                return MALFORMED;
            }
            boolean bottom = (buf[p + 2] & 0x01) != 0;
            p += 4;
            if (bottom) {
                return ipByVersion(buf, p, end);
            }
        }
        return MALFORMED;
    }

    private static int ppp(byte[] buf, int off, int end) {
        int p = off;
        if (end - p >= 2 && (buf[p] & 0xff) == 0xff && (buf[p + 1] & 0xff) == 0x03) {
            p += 2;
        }
        if (end - p < 1) {
            return MALFORMED;
        }
        if ((buf[p] & 0x01) != 0) {
            return pppProtocol(buf[p] & 0xff, buf, p + 1, end); // compressed 1-octet protocol field
        }
        if (end - p < 2) {
            return MALFORMED;
        }
        return pppProtocol(Bytes.u16(buf, p), buf, p + 2, end);
    }

    private static int pppProtocol(int protocol, byte[] buf, int p, int end) {
        return switch (protocol) {
            case 0x0021, 0x0057 -> p <= end ? p : MALFORMED;
            case 0x0281, 0x0283 -> mpls(buf, p, end);
            default -> NOT_IP;
        };
    }

    private static final int JUNIPER_FLAG_EXT = 0x80;
    private static final int JUNIPER_FLAG_NO_L2 = 0x02;

    private static int juniperEthernet(byte[] buf, int off, int end) {
        if (end - off < 4 || buf[off] != 'M' || buf[off + 1] != 'G' || buf[off + 2] != 'C') {
            return MALFORMED;
        }
        int flags = buf[off + 3] & 0xff;
        int p = off + 4;
        if ((flags & JUNIPER_FLAG_EXT) != 0) {
            if (end - p < 2) {
                return MALFORMED;
            }
            int extLength = Bytes.u16(buf, p);
            p += 2;
            if (extLength > end - p) {
                return MALFORMED;
            }
            p += extLength;
        }
        if ((flags & JUNIPER_FLAG_NO_L2) != 0) {
            if (end - p < 5) {
                return MALFORMED;
            }
            return ipByVersion(buf, p + 4, end);
        }
        return ethernet(buf, p, end);
    }
}
