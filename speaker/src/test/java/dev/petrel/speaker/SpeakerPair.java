package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.freePort;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The tests' usual two speakers on loopback, sharing one event loop group: a (AS 64512, 127.0.0.1) and b (AS 65001,
 * 127.0.0.2), kernel FIB in dry-run, started and not yet peered. {@link #peerB()} and {@link #peerA()} are each
 * one's peer spec for the other. Closing stops both and the loops.
 */
final class SpeakerPair implements AutoCloseable {
    final int pa;
    final int pb;
    final EventLoopGroup loops = Petrel.sharedEventLoops(2);
    final Petrel a;
    final Petrel b;

    SpeakerPair() throws IOException {
        pa = freePort("127.0.0.1");
        pb = freePort("127.0.0.2");
        a = PetrelTest.node("10.255.1.1", 64512, "127.0.0.1", pa, loops).start();
        b = PetrelTest.node("10.255.1.2", 65001, "127.0.0.2", pb, loops).start();
    }

    /** a's spec for its peer b. */
    PeerSpec.Builder peerB() {
        return PetrelTest.peer("b", "127.0.0.2", pb, 65001, "127.0.0.1");
    }

    /** b's spec for its peer a. */
    PeerSpec.Builder peerA() {
        return PetrelTest.peer("a", "127.0.0.1", pa, 64512, "127.0.0.2");
    }

    @Override
    public void close() {
        try {
            a.close();
            b.close();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
