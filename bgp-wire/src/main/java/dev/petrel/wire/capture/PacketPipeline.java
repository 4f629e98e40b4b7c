package dev.petrel.wire.capture;

import java.util.HashSet;
import java.util.Set;

/**
 * The path of one captured frame: link layer, IP, TCP on a BGP port, reassembly. Shared by the pcap and pcapng
 * readers, which only know how to find frames in their container.
 */
final class PacketPipeline {
    private final Emitter out;
    private final TcpReassembler reassembler;
    private final Set<Integer> linkTypesSeen = new HashSet<>();
    private String currentSource = "";

    PacketPipeline(Emitter out) {
        this.out = out;
        this.reassembler = new TcpReassembler(out);
    }

    /**
     * A new interface (pcapng) or file header (pcap) announces a link type: an unsupported one is reported once
     * per file.
     */
    void linkType(int linkType, String source) {
        if (linkTypesSeen.add(linkType)) {
            out.observer().linkType(linkType);
            if (!LinkLayer.supported(linkType)) {
                out.problem(CaptureProblem.Kind.CONTAINER, "link type " + linkType
                        + " is not supported; its frames are skipped", source, null, 0, 0);
            }
        }
    }

    /** One frame of {@code linkType} in {@code buf[off, off + len)}. */
    void frame(int linkType, byte[] buf, int off, int len, long timestampMicros, String source) {
        if (len == 0 || !LinkLayer.supported(linkType)) {
            return; // an empty record holds nothing to read
        }
        currentSource = source;
        int end = off + len;
        int ip = LinkLayer.ipOffset(linkType, buf, off, end);
        if (ip == LinkLayer.MALFORMED) {
            out.throttled("link-" + linkType, CaptureProblem.Kind.CONTAINER,
                    "cannot read the link-layer header (link type " + linkType + "); frame skipped", source, buf, off,
                    len);
            return;
        }
        if (ip < 0) {
            return;
        }
        IpPacket.Tcp tcp = IpPacket.parse(buf, ip, end, this::ipProblem);
        if (tcp == null || !IpPacket.isBgpPort(tcp.srcPort(), tcp.dstPort())) {
            return;
        }
        reassembler.segment(tcp, timestampMicros, source);
    }

    private void ipProblem(String category, String description, byte[] buf, int off, int len) {
        out.throttled(category, CaptureProblem.Kind.CONTAINER, description, currentSource, buf, off, len);
    }

    /** The capture ended. */
    void finish() {
        reassembler.finish();
    }
}
