package dev.petrel.fsm.transport;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class BgpPipelineTest {
    private static ByteBuf header(int length, int type) {
        ByteBuf b = Unpooled.buffer(length);
        b.writeLong(-1L).writeLong(-1L).writeShort(length).writeByte(type);
        return b.writeZero(length - 19);
    }

    @Test
    void handlerSeesDecodeResultsAndWritesMessages() {
        EmbeddedChannel ch = new EmbeddedChannel();
        BgpPipeline.install(ch.pipeline());
        assertEquals(4096, BgpPipeline.frameDecoder(ch.pipeline()).maxLength());

        ch.writeInbound(Unpooled.wrappedBuffer(MessageEncoder.toBytes(Keepalive.INSTANCE, SessionContext.INITIAL)));
        DecodeResult r = ch.readInbound();
        assertEquals(Keepalive.INSTANCE, r.message());

        ch.writeOutbound(Keepalive.INSTANCE);
        ByteBuf out = ch.readOutbound();
        assertEquals(19, out.readableBytes());
        out.release();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void extendedMessagesRaiseTheFrameLimit() {
        EmbeddedChannel ch = new EmbeddedChannel();
        BgpPipeline.install(ch.pipeline());
        // an UPDATE of 5000 octets is a length error before RFC 8654 is negotiated ...
        ch.writeInbound(header(5000, 2));
        DecodeResult r = ch.readInbound();
        assertTrue(r.isReset());
        assertEquals(1, r.notification().code());
        assertFalse(ch.finishAndReleaseAll());

        // ... and framed after
        EmbeddedChannel ext = new EmbeddedChannel();
        BgpPipeline.install(ext.pipeline());
        BgpPipeline.applyContext(ext.pipeline(), SessionContext.INITIAL.withExtendedMessage(true));
        assertEquals(65535, BgpPipeline.frameDecoder(ext.pipeline()).maxLength());
        ext.writeInbound(header(5000, 2));
        DecodeResult ok = ext.readInbound();
        assertNotEquals(1, ok.notification() == null ? 0 : ok.notification().code(),
                "no message header error at 5000 octets");
        assertFalse(ext.finishAndReleaseAll());
    }

    @Test
    void applyContextNeedsInstall() {
        assertThrows(IllegalStateException.class,
                () -> BgpPipeline.applyContext(new EmbeddedChannel().pipeline(), SessionContext.INITIAL));
    }
}
