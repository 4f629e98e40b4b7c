package dev.petrel.wire.netty;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Framing;
import dev.petrel.wire.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a TCP byte stream into BGP messages by their header (RFC 4271 §4.1), without looking at bodies.
 *
 * <pre>
 *   +-----------------------------+---------+------+------------------+
 *   | marker: 16 octets of 0xff   | length  | type | body             |
 *   +-----------------------------+---------+------+------------------+
 *    0                           16        18     19             length
 * </pre>
 *
 * Emits each whole message as a retained slice ({@link ByteBuf}, header included). A header that cannot be
 * framed (bad marker, length outside [19, max] or wrong for the type, unknown type) is emitted once as a
 * {@link DecodeResult} carrying the NOTIFICATION to send (1/1, 1/2 with the length, 1/3 with the type), after
 * which every further byte is discarded: the session is over, and nothing after a framing error can be trusted.
 *
 * <p>The maximum length is 4096 until the session negotiates RFC 8654 extended messages; the session raises it
 * with {@link #maxLength(int)} from the channel's event loop.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
    private int maxLength = Framing.MAX_LENGTH;
    private boolean failed;

    public void maxLength(int maxLength) {
        if (maxLength < Framing.HEADER_LENGTH || maxLength > Framing.MAX_EXTENDED_LENGTH) {
            throw new IllegalArgumentException("maximum message length must be 19..65535, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.readableBytes() >= Framing.HEADER_LENGTH) {
            int at = in.readerIndex();
            if (in.getLong(at) != -1L || in.getLong(at + 8) != -1L) {
                fail(in, out, Problem.reset(1, 1, Bytes.EMPTY, "marker is not all ones (RFC 4271 §6.1)"));
                return;
            }
            int length = in.getUnsignedShort(at + 16);
            int type = in.getUnsignedByte(at + 18);
            int r = Framing.checkLengthAndType(length, type, maxLength);
            if (r == Framing.BAD_LENGTH) {
                fail(in, out, Problem.reset(1, 2, Bytes.wrapLength(length),
                        "bad message length " + length + " for type " + type + " (max " + maxLength + ")"));
                return;
            }
            if (r == Framing.BAD_TYPE) {
                fail(in, out, Problem.reset(1, 3, Bytes.of(new byte[] {(byte) type}), "bad message type " + type));
                return;
            }
            if (in.readableBytes() < length) {
                return; // wait for the rest of the message
            }
            out.add(in.readRetainedSlice(length));
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(ByteBuf in, List<Object> out, Problem p) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(DecodeResult.reset(p));
    }
}
