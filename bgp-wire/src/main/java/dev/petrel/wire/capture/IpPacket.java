package dev.petrel.wire.capture;

/**
 * Finds the TCP segment in an IPv4 or IPv6 packet.
 *
 * <p>IPv4 options are skipped by the header length; IPv6 extension headers (hop-by-hop, routing, destination
 * options, authentication, mobility) are walked. Fragments are not reassembled: BGP runs over TCP, which keeps
 * its segments under the path MTU, so fragments are rare and usually mean a broken capture; a first fragment
 * carrying BGP is reported and every fragment is skipped. ESP is opaque and skipped.
 *
 * <p>A packet cut short by the capture's snapshot length still yields its captured payload, with the number of
 * payload octets that are missing ({@link Tcp#missing}), so the reassembler can mark the gap.
 */
final class IpPacket {
    private IpPacket() {}

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    /**
     * A TCP segment. The payload is {@code len} octets of {@code buf} from {@code off} (not copied);
     * {@code missing} octets of payload follow that the capture does not hold.
     */
    record Tcp(String srcAddr, String dstAddr, int srcPort, int dstPort, int seq, int ack, int flags, byte[] buf,
            int off, int len, int missing) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /** Receives problems found while parsing. */
    interface Problems {
        void problem(String category, String description, byte[] buf, int off, int len);
    }

    private static final int PROTO_TCP = 6;
    private static final int MAX_EXTENSION_HEADERS = 16;

    /**
     * Parses the IP packet in {@code buf[off, end)}.
     *
     * @return the TCP segment, or null when the packet is not TCP, not IP, or cannot be read
     */
    static Tcp parse(byte[] buf, int off, int end, Problems problems) {
        if (end - off < 1) {
            return null;
        }
        int version = (buf[off] & 0xff) >>> 4;
        if (version == 4) {
            return parse4(buf, off, end, problems);
        }
        if (version == 6) {
            return parse6(buf, off, end, problems);
        }
        return null;
    }

    private static Tcp parse4(byte[] buf, int off, int end, Problems problems) {
        int avail = end - off;
        if (avail < 20) {
            problems.problem("ip-short", "IPv4 header cut short (" + avail + " octets captured)", buf, off, avail);
            return null;
        }
        int ihl = (buf[off] & 0x0f) * 4;
        int total = Bytes.u16(buf, off + 2);
        int protocol = buf[off + 9] & 0xff;
        if (protocol != PROTO_TCP) {
            return null;
        }
        if (ihl < 20 || ihl > avail) {
            problems.problem("ip-header", "IPv4 header length " + ihl + " is impossible here", buf, off,
                    Math.min(avail, 20));
            return null;
        }
        int missing = 0;
        int ipEnd;
        if (total == 0) {
            // TCP segmentation offload: the length field is left for the NIC to fill in.
            ipEnd = end;
        } else if (total < ihl) {
            problems.problem("ip-header", "IPv4 total length " + total + " is shorter than its header", buf, off,
                    ihl);
            return null;
        } else if (total <= avail) {
            ipEnd = off + total; // drop link-layer padding
        } else {
            ipEnd = end;
            missing = total - avail;
        }
        int flagsFrag = Bytes.u16(buf, off + 6);
        boolean moreFragments = (flagsFrag & 0x2000) != 0;
        int fragOffset = flagsFrag & 0x1fff;
        String src = Bytes.address(buf, off + 12, 4);
        String dst = Bytes.address(buf, off + 16, 4);
        if (moreFragments || fragOffset != 0) {
            if (fragOffset == 0) {
                reportFragment(buf, off + ihl, ipEnd, src, dst, problems, off, ihl);
            }
            return null;
        }
        return tcp(buf, off + ihl, ipEnd, missing, src, dst, problems);
    }

    private static Tcp parse6(byte[] buf, int off, int end, Problems problems) {
        int avail = end - off;
        if (avail < 40) {
            problems.problem("ip-short", "IPv6 header cut short (" + avail + " octets captured)", buf, off, avail);
            return null;
        }
        int payload = Bytes.u16(buf, off + 4);
        int missing = 0;
        int ipEnd;
        if (payload == 0) {
            ipEnd = end; // jumbogram or offloaded length
        } else if (payload <= avail - 40) {
            ipEnd = off + 40 + payload;
        } else {
            ipEnd = end;
            missing = payload - (avail - 40);
        }
        String src = Bytes.address(buf, off + 8, 16);
        String dst = Bytes.address(buf, off + 24, 16);
        int next = buf[off + 6] & 0xff;
        int p = off + 40;
        for (int i = 0; i <= MAX_EXTENSION_HEADERS; i++) {
            switch (next) {
                case PROTO_TCP:
                    return tcp(buf, p, ipEnd, missing, src, dst, problems);
                case 0, 43, 60, 135, 139, 140: { // hop-by-hop, routing, destination options, mobility, HIP, shim6
                    if (ipEnd - p < 8) {
                        return null;
                    }
                    int len = ((buf[p + 1] & 0xff) + 1) * 8;
                    next = buf[p] & 0xff;
                    p += len;
                    if (p > ipEnd) {
                        return null;
                    }
                    break;
                }
                case 51: { // authentication header: length in 4-octet units, minus 2
                    if (ipEnd - p < 8) {
                        return null;
                    }
                    int len = ((buf[p + 1] & 0xff) + 2) * 4;
                    next = buf[p] & 0xff;
                    p += len;
                    if (p > ipEnd) {
                        return null;
                    }
                    break;
                }
                case 44: { // fragment
                    if (ipEnd - p < 8) {
                        return null;
                    }
                    int fragOffset = Bytes.u16(buf, p + 2) >>> 3;
                    if (fragOffset == 0 && (buf[p] & 0xff) == PROTO_TCP) {
                        reportFragment(buf, p + 8, ipEnd, src, dst, problems, off, 48);
                    }
                    return null;
                }
                default:
                    return null; // ESP, no next header, or not TCP
            }
        }
        return null;
    }

    private static void reportFragment(byte[] buf, int tcpOff, int end, String src, String dst, Problems problems,
            int quoteOff, int quoteLen) {
        if (end - tcpOff >= 4 && isBgpPort(Bytes.u16(buf, tcpOff), Bytes.u16(buf, tcpOff + 2))) {
            problems.problem("ip-fragment", "IP fragment of a BGP connection " + src + " -> " + dst
                    + " skipped: fragments are not reassembled", buf, quoteOff, quoteLen);
        }
    }

    private static Tcp tcp(byte[] buf, int off, int end, int missing, String src, String dst, Problems problems) {
        int avail = end - off;
        if (avail < 20) {
            if (avail >= 4 && isBgpPort(Bytes.u16(buf, off), Bytes.u16(buf, off + 2))) {
                problems.problem("tcp-short", "TCP header cut short (" + avail + " octets captured)", buf, off, avail);
            }
            return null;
        }
        int srcPort = Bytes.u16(buf, off);
        int dstPort = Bytes.u16(buf, off + 2);
        int dataOffset = ((buf[off + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < 20 || dataOffset > avail) {
            if (isBgpPort(srcPort, dstPort)) {
                problems.problem("tcp-header", "TCP data offset " + dataOffset + " does not fit the " + avail
                        + " captured octets", buf, off, 20);
            }
            return null;
        }
        return new Tcp(src, dst, srcPort, dstPort, Bytes.i32(buf, off + 4), Bytes.i32(buf, off + 8),
                buf[off + 13] & 0xff, buf, off + dataOffset, avail - dataOffset, missing);
    }

    /** BGP listens on 179; some test setups (and several captures) use 1179. */
    static boolean isBgpPort(int srcPort, int dstPort) {
        return srcPort == 179 || dstPort == 179 || srcPort == 1179 || dstPort == 1179;
    }
}
