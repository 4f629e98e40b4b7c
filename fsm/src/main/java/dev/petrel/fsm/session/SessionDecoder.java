package dev.petrel.fsm.session;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.MalformedUpdateLog;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageType;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.netty.BgpFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes each framed message with the session's current context, on the channel's event loop. For an UPDATE
 * with RFC 7606 problems it also writes the RFC 7606 §6 log line while the message bytes are still at hand, and
 * emits a {@link Malformed} carrying both; everything else is emitted as the plain {@link DecodeResult}.
 */
final class SessionDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** How many octets of a malformed UPDATE the log line shows. */
    static final int LOG_OCTETS = 256;

    /** A decoded UPDATE with problems, and the log line describing it. */
    record Malformed(DecodeResult result, String logLine) {}

    /** Only touched on the channel's loop: it switches itself when it decodes the peer's OPEN. */
    private SessionContext context = SessionContext.INITIAL;
    /** The context an OPEN from the peer negotiates, or null when the session refuses it. */
    private final Function<Open, SessionContext> negotiate;

    SessionDecoder(Function<Open, SessionContext> negotiate) {
        this.negotiate = negotiate;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int len = frame.readableBytes();
        byte[] buf;
        int off;
        if (frame.hasArray()) {
            buf = frame.array();
            off = frame.arrayOffset() + frame.readerIndex();
        } else {
            buf = ByteBufUtil.getBytes(frame, frame.readerIndex(), len, false);
            off = 0;
        }
        DecodeResult r = MessageDecoder.decode(buf, off, len, context);
        if (r.message() instanceof Open open && !r.isReset()) {
            // Switch here, before the next frame: the peer's KEEPALIVE and UPDATEs may follow its OPEN in the
            // same read, long before the session's loop has seen the OPEN (and a peer that does not wait for our
            // KEEPALIVE sends them in the same segment). The session computes the same context from the same OPEN.
            SessionContext next = negotiate.apply(open);
            if (next != null) {
                context = next;
                BgpFrameDecoder frames = ctx.pipeline().get(BgpFrameDecoder.class);
                if (frames != null) {
                    frames.maxLength(next.maxMessageLength());
                }
            }
        }
        if (!r.problems().isEmpty() && len > 18 && (buf[off + 18] & 0xff) == MessageType.UPDATE.code()) {
            out.add(new Malformed(r, MalformedUpdateLog.line(r, buf, off, len, LOG_OCTETS)));
        } else {
            out.add(r);
        }
    }
}
