package dev.petrel.wire.netty;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NettyAdaptersTest {
    private final List<ByteBuf> written = new ArrayList<>();

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void everyInputReleased() {
        for (ByteBuf b : written) {
            assertEquals(0, b.refCnt(), "a buffer handed to the pipeline was not released");
        }
    }

    /** A channel on an established 4-octet-AS session (the context every test message is encoded with). */
    private static EmbeddedChannel channel() {
        BgpMessageDecoder decoder = new BgpMessageDecoder();
        decoder.context(SessionContext.ASSUMED);
        BgpMessageEncoder encoder = new BgpMessageEncoder();
        encoder.context(SessionContext.ASSUMED);
        return new EmbeddedChannel(new BgpFrameDecoder(), decoder, encoder);
    }

    private ByteBuf buf(byte[] bytes, int from, int to) {
        ByteBuf b = Unpooled.directBuffer(to - from).writeBytes(bytes, from, to - from);
        written.add(b);
        return b;
    }

    private static byte[] update() {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65002))
                .nextHop("192.0.2.1").build();
        return MessageEncoder.toBytes(Update.announce(a, PrefixList.of(Prefix.parse("10.1.0.0/16"))),
                SessionContext.ASSUMED);
    }

    @Test
    void framesAMessageSplitAcrossReads() {
        EmbeddedChannel ch = channel();
        byte[] u = update();
        ch.writeInbound(buf(u, 0, 7));
        assertNull(ch.readInbound(), "nothing until the whole header and body arrived");
        ch.writeInbound(buf(u, 7, 20));
        assertNull(ch.readInbound());
        ch.writeInbound(buf(u, 20, u.length));
        DecodeResult r = ch.readInbound();
        assertEquals(ErrorAction.NONE, r.action());
        assertEquals("[10.1.0.0/16]", ((Update) r.message()).nlri().toString());
        assertFalse(ch.finish());
    }

    @Test
    void framesSeveralMessagesInOneRead() {
        EmbeddedChannel ch = channel();
        byte[] k = MessageEncoder.toBytes(Keepalive.INSTANCE, SessionContext.INITIAL);
        byte[] u = update();
        byte[] both = new byte[2 * k.length + u.length];
        System.arraycopy(k, 0, both, 0, k.length);
        System.arraycopy(u, 0, both, k.length, u.length);
        System.arraycopy(k, 0, both, k.length + u.length, k.length);
        ch.writeInbound(buf(both, 0, both.length));
        assertInstanceOf(Keepalive.class, ((DecodeResult) ch.readInbound()).message());
        assertInstanceOf(Update.class, ((DecodeResult) ch.readInbound()).message());
        assertInstanceOf(Keepalive.class, ((DecodeResult) ch.readInbound()).message());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void badMarkerResetsOnceAndDiscardsTheRest() {
        EmbeddedChannel ch = channel();
        byte[] k = MessageEncoder.toBytes(Keepalive.INSTANCE, SessionContext.INITIAL);
        byte[] bad = k.clone();
        bad[3] = 0;
        ch.writeInbound(buf(bad, 0, bad.length));
        DecodeResult r = ch.readInbound();
        assertEquals(new Notification(1, 1), r.notification());
        ch.writeInbound(buf(k, 0, k.length));
        assertNull(ch.readInbound(), "after a framing error nothing more is decoded");
        assertFalse(ch.finish());
    }

    @Test
    void lengthOverTheLimitIsOneTwoWithTheLength() {
        EmbeddedChannel ch = channel();
        byte[] u = update();
        u[16] = 0x10;
        u[17] = 0x01; // 4097
        ch.writeInbound(buf(u, 0, u.length));
        Notification n = ((DecodeResult) ch.readInbound()).notification();
        assertEquals(1, n.code());
        assertEquals(2, n.subcode());
        assertEquals("1001", n.data().hex());
        assertFalse(ch.finish());
    }

    @Test
    void extendedMessagesOnceNegotiated() {
        BgpFrameDecoder frames = new BgpFrameDecoder();
        BgpMessageDecoder messages = new BgpMessageDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(frames, messages);
        SessionContext ext = SessionContext.ASSUMED.withExtendedMessage(true);
        frames.maxLength(ext.maxMessageLength());
        messages.context(ext);
        List<Prefix> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Prefix.parse("10." + (i >> 8) + "." + (i & 0xff) + ".0/24"));
        }
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001))
                .nextHop("192.0.2.1").build();
        byte[] big = MessageEncoder.toBytes(Update.announce(a, PrefixList.of(many, null)), ext);
        assertTrue(big.length > 4096);
        ch.writeInbound(buf(big, 0, big.length));
        DecodeResult r = ch.readInbound();
        assertEquals(2000, ((Update) r.message()).nlri().size());
        assertFalse(ch.finish());
    }

    @Test
    void encoderWritesWhatTheDecoderReads() {
        EmbeddedChannel ch = channel();
        assertTrue(ch.writeOutbound(new Notification(6, 2)));
        ByteBuf out = ch.readOutbound();
        written.add(out);
        ch.writeInbound(out);
        assertEquals(new Notification(6, 2), ((DecodeResult) ch.readInbound()).message());
        assertFalse(ch.finish());
    }
}
