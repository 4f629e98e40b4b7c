package dev.petrel.wire;

import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.cap.CapabilityCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN bodies, including RFC 9072 extended optional parameters. The checks here are the ones that need no
 * configuration (version, hold time 1 or 2, BGP Identifier 0, parameter and capability syntax, conflicting roles);
 * peer AS, required capabilities and role pairs are checked by the session against its configuration.
 */
final class OpenCodec {
    private static final int OPEN_ERROR = 2;
    private static final int PARAM_CAPABILITIES = 2;
    /** RFC 9072 §2: a Non-Ext OP Type of 255 in the first parameter position marks the extended format. */
    private static final int EXTENDED_MARKER = 255;

    private OpenCodec() {}

    static DecodeResult decode(byte[] b, int off, int len) {
        int end = off + len;
        int p = off + Framing.HEADER_LENGTH;
        int version = b[p] & 0xff;
        if (version != 4) {
            return reset(1, Bytes.wrap(new byte[] {0, 4}),
                    "BGP version " + version + " is not supported; 4 is (RFC 4271 §6.2)");
        }
        int myAs = UpdateDecoder.u16(b, p + 1);
        int holdTime = UpdateDecoder.u16(b, p + 3);
        int id = dev.petrel.wire.nlri.Ipv4.read(b, p + 5);
        int optLen = b[p + 9] & 0xff;
        int q = p + 10;
        boolean extended = false;
        // RFC 9072 §2: a non-zero length followed by a first parameter type of 255 means the extended format (the
        // length octet should then be 255 too, but the type is what decides).
        if (optLen != 0 && q < end && (b[q] & 0xff) == EXTENDED_MARKER) {
            if (q + 3 > end) {
                return reset(0, Bytes.EMPTY, "RFC 9072 extended optional parameters length is truncated");
            }
            extended = true;
            optLen = UpdateDecoder.u16(b, q + 1);
            q += 3;
        }
        if (q + optLen != end) {
            return reset(0, Bytes.EMPTY, "Optional Parameters Length " + optLen + " does not match the "
                    + (end - q) + " octets the message holds");
        }
        List<Capability> caps = new ArrayList<>();
        List<Open.OptionalParameter> others = new ArrayList<>();
        int hdr = extended ? 3 : 2;
        while (q < end) {
            if (end - q < hdr) {
                return reset(0, Bytes.EMPTY, "optional parameter header truncated at octet " + (q - off));
            }
            int type = b[q] & 0xff;
            int plen = extended ? UpdateDecoder.u16(b, q + 1) : b[q + 1] & 0xff;
            int pstart = q + hdr;
            int pend = pstart + plen;
            if (pend > end) {
                return reset(0, Bytes.EMPTY, "optional parameter " + type + " of length " + plen
                        + " runs past the OPEN");
            }
            if (type == PARAM_CAPABILITIES) {
                for (int c = pstart; c < pend; ) {
                    if (pend - c < 2) {
                        return reset(0, Bytes.EMPTY, "capability header truncated in optional parameter");
                    }
                    int code = b[c] & 0xff;
                    int clen = b[c + 1] & 0xff;
                    if (c + 2 + clen > pend) {
                        return reset(0, Bytes.EMPTY, "capability " + code + " of length " + clen
                                + " runs past its optional parameter");
                    }
                    try {
                        caps.add(CapabilityCodec.decode(code, b, c + 2, clen));
                    } catch (CapabilityCodec.MalformedCapability e) {
                        return reset(0, Bytes.EMPTY, e.getMessage());
                    }
                    c += 2 + clen;
                }
            } else {
                others.add(new Open.OptionalParameter(type, Bytes.of(b, pstart, plen)));
            }
            q = pend;
        }
        if (holdTime == 1 || holdTime == 2) {
            return reset(6, Bytes.EMPTY, "hold time " + holdTime + " s is not allowed: 0 or at least 3 (RFC 4271 §6.2)");
        }
        if (id == 0) {
            return reset(3, Bytes.EMPTY, "BGP Identifier 0.0.0.0 is not valid (RFC 6286)");
        }
        BgpRole role = null;
        for (Capability c : caps) {
            if (c instanceof Capability.Role r) {
                if (role != null && role != r.role()) {
                    return reset(11, Bytes.EMPTY, "two Role capabilities with different values (RFC 9234 §4.2)");
                }
                role = r.role();
            }
        }
        return DecodeResult.ok(new Open(version, myAs, holdTime, id, caps, others));
    }

    private static DecodeResult reset(int subcode, Bytes data, String why) {
        return DecodeResult.reset(Problem.reset(OPEN_ERROR, subcode, data, why));
    }

    /** Writes the OPEN body; the extended parameter format is used only when the parameters need it. */
    static void encodeBody(Open open, ByteBuf out) {
        out.writeByte(open.version());
        out.writeShort(open.myAs());
        out.writeShort(open.holdTime());
        out.writeInt(open.bgpIdentifier());
        ByteBuf caps = Unpooled.buffer();
        try {
            for (Capability c : open.capabilities()) {
                CapabilityCodec.encode(c, caps);
            }
            int capLen = caps.readableBytes();
            int otherLen = 0;
            for (Open.OptionalParameter op : open.otherParameters()) {
                otherLen += 2 + op.value().length();
            }
            // Non-extended: capabilities packed into parameters of at most 255 octets, each whole.
            List<int[]> chunks = chunkCapabilities(caps);
            int plain = otherLen + chunks.size() * 2 + capLen;
            boolean anyOtherTooLong = open.otherParameters().stream().anyMatch(op -> op.value().length() > 255);
            // RFC 9072 §2: up to 255 octets the RFC 4271 encoding SHOULD be used, unless the first parameter's type is
            // 255: receivers read that (with any non-zero length) as the extended format's marker.
            boolean looksExtended = chunks.isEmpty() && !open.otherParameters().isEmpty()
                    && open.otherParameters().get(0).type() == EXTENDED_MARKER;
            if (plain <= 255 && !anyOtherTooLong && !looksExtended) {
                out.writeByte(plain);
                for (int[] ch : chunks) {
                    out.writeByte(PARAM_CAPABILITIES).writeByte(ch[1]);
                    out.writeBytes(caps, ch[0], ch[1]);
                }
                for (Open.OptionalParameter op : open.otherParameters()) {
                    out.writeByte(op.type()).writeByte(op.value().length()).writeBytes(op.value().toByteArray());
                }
                return;
            }
            int total = (capLen > 0 ? 3 + capLen : 0) + otherLen + open.otherParameters().size();
            out.writeByte(EXTENDED_MARKER).writeByte(EXTENDED_MARKER).writeShort(total);
            if (capLen > 0) {
                out.writeByte(PARAM_CAPABILITIES).writeShort(capLen).writeBytes(caps, 0, capLen);
            }
            for (Open.OptionalParameter op : open.otherParameters()) {
                out.writeByte(op.type()).writeShort(op.value().length()).writeBytes(op.value().toByteArray());
            }
        } finally {
            caps.release();
        }
    }

    private static List<int[]> chunkCapabilities(ByteBuf caps) {
        List<int[]> chunks = new ArrayList<>();
        int start = 0;
        int p = 0;
        int n = caps.readableBytes();
        while (p < n) {
            int clen = 2 + caps.getUnsignedByte(p + 1);
            if (p + clen - start > 255) {
                chunks.add(new int[] {start, p - start});
                start = p;
            }
            p += clen;
        }
        if (p > start) {
            chunks.add(new int[] {start, p - start});
        }
        return chunks;
    }
}
