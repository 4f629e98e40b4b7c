package dev.petrel.fsm.transport;

import dev.petrel.wire.SessionContext;
import dev.petrel.wire.netty.BgpFrameDecoder;
import dev.petrel.wire.netty.BgpMessageDecoder;
import dev.petrel.wire.netty.BgpMessageEncoder;
import io.netty.channel.ChannelPipeline;

/**
 * The standard BGP codec stack on a session channel:
 *
 * <pre>
 *   socket ──▶ "bgp-frame"  {@link BgpFrameDecoder}    bytes → one ByteBuf per message (or a framing-error DecodeResult)
 *          ──▶ "bgp-decode" {@link BgpMessageDecoder}  ByteBuf → {@link dev.petrel.wire.DecodeResult}
 *          ──▶ session handler (added by the caller after install)
 *   socket ◀── "bgp-encode" {@link BgpMessageEncoder}  {@link dev.petrel.wire.BgpMessage} → bytes
 * </pre>
 *
 * <p>So the session handler receives only {@link dev.petrel.wire.DecodeResult}s: a parsed message with its
 * problems (RFC 7606), or, after a framing error, one result whose {@code notification()} is the message
 * header error to send (after which the frame decoder discards the rest of the stream). It writes
 * {@link dev.petrel.wire.BgpMessage}s. No {@code ByteBuf} reaches it, so it has nothing to release.
 *
 * <p>When the OPENs are exchanged the session calls {@link #applyContext}, which switches the decoder and encoder
 * to the negotiated context and the frame decoder's maximum length to 4096 or, with RFC 8654 extended messages,
 * 65535. Call it from the channel's event loop (as every handler method runs), before the next read is
 * processed: the frame decoder applies the new maximum from the next message header on.
 */
public final class BgpPipeline {
    public static final String FRAME_DECODER = "bgp-frame";
    public static final String MESSAGE_DECODER = "bgp-decode";
    public static final String MESSAGE_ENCODER = "bgp-encode";

    private BgpPipeline() {
    }

    /** Adds frame decoder, message decoder and encoder (in that order) at the end of {@code p}. */
    public static ChannelPipeline install(ChannelPipeline p) {
        return install(p, SessionContext.INITIAL);
    }

    /** The same, starting from {@code context} rather than {@link SessionContext#INITIAL}. */
    public static ChannelPipeline install(ChannelPipeline p, SessionContext context) {
        BgpFrameDecoder frames = new BgpFrameDecoder();
        BgpMessageDecoder decoder = new BgpMessageDecoder();
        BgpMessageEncoder encoder = new BgpMessageEncoder();
        frames.maxLength(context.maxMessageLength());
        decoder.context(context);
        encoder.context(context);
        return p.addLast(FRAME_DECODER, frames)
                .addLast(MESSAGE_DECODER, decoder)
                .addLast(MESSAGE_ENCODER, encoder);
    }

    /**
     * Frame decoder, {@code messageDecoder} (one that turns frames into {@code DecodeResult}s, like the session's)
     * and the encoder, under the standard names.
     */
    public static ChannelPipeline install(ChannelPipeline p, io.netty.channel.ChannelHandler messageDecoder) {
        return p.addLast(FRAME_DECODER, new BgpFrameDecoder())
                .addLast(MESSAGE_DECODER, messageDecoder)
                .addLast(MESSAGE_ENCODER, new BgpMessageEncoder());
    }

    /** Switches the installed codecs to {@code context}, including the maximum message length. */
    public static void applyContext(ChannelPipeline p, SessionContext context) {
        frameDecoder(p).maxLength(context.maxMessageLength());
        ((BgpMessageDecoder) require(p, MESSAGE_DECODER)).context(context);
        ((BgpMessageEncoder) require(p, MESSAGE_ENCODER)).context(context);
    }

    public static BgpFrameDecoder frameDecoder(ChannelPipeline p) {
        return (BgpFrameDecoder) require(p, FRAME_DECODER);
    }

    private static Object require(ChannelPipeline p, String name) {
        Object h = p.get(name);
        if (h == null) {
            throw new IllegalStateException("no " + name + " in the pipeline; call BgpPipeline.install first");
        }
        return h;
    }
}
