package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route reflector's clients reconnect together: the default listen backlog must hold far more handshakes than
 * the old 128 while the event loop is busy, or the kernel drops SYNs and the peers wait out 1 s and 3 s
 * retransmissions (docs/benchmarks.md, "Sessions at scale").
 */
class BacklogTest {
    private static final int BURST = 300;

    private final BgpTransport transport = new BgpTransport(TransportConfig.defaults().withThreads(1));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void defaultBacklogHoldsABurstOfConnectionsWhileTheLoopIsBusy() throws Exception {
        assertEquals(4096, TransportConfig.defaults().backlog());
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)), (remote, local) -> Acceptance.reject())
                .get(0);
        InetSocketAddress to = port(l);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        l.eventLoop().execute(() -> { // nothing is accepted until released: the handshakes queue in the kernel
            busy.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(busy.await(5, TimeUnit.SECONDS));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < BURST; i++) {
                Socket s = new Socket();
                sockets.add(s);
                // Completes from the kernel's accept queue; with it full, the SYN is dropped and this times out.
                s.connect(to, 500);
            }
        } finally {
            release.countDown();
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertEquals(BURST, sockets.size());
    }
}
