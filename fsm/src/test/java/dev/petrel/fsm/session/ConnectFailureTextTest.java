package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** The last-error text of a failed connect ({@link PeerSession#connectFailure}). */
class ConnectFailureTextTest {

    private static final SocketAddress REMOTE = new InetSocketAddress("fd00:255:1::2", 179);

    /** What Netty's AbstractChannel.annotateConnectException does: original message + ": " + remote. */
    private static <T extends Exception> T annotated(T annotation, Exception original) {
        annotation.initCause(original);
        return annotation;
    }

    @Test
    void messageLessNoRouteToHostIsNamedNotNull() {
        // Netty's epoll finishConnect throws a bare NoRouteToHostException for EHOSTUNREACH (an ICMPv6 Time
        // Exceeded from a router aborts an IPv6 connect with it) and annotates it as "null: <remote>".
        NoRouteToHostException e = annotated(new NoRouteToHostException(null + ": " + REMOTE),
                new NoRouteToHostException());
        assertEquals("no route to host: " + REMOTE, PeerSession.connectFailure(e));
        assertEquals("no route to host", PeerSession.connectFailure(new NoRouteToHostException()));
    }

    @Test
    void messageLessConnectExceptionAndOthers() {
        assertEquals("connection refused: " + REMOTE,
                PeerSession.connectFailure(new ConnectException(null + ": " + REMOTE)));
        assertEquals("ClosedChannelException", PeerSession.connectFailure(new ClosedChannelException()));
        assertEquals("connect failed", PeerSession.connectFailure(null));
    }

    @Test
    void realMessagesAreKept() {
        assertEquals("connection timed out after 5000 ms: " + REMOTE, PeerSession.connectFailure(
                new ConnectTimeoutException("connection timed out after 5000 ms: " + REMOTE)));
        assertEquals("finishConnect(..) failed: Connection refused: " + REMOTE, PeerSession.connectFailure(
                new ConnectException("finishConnect(..) failed: Connection refused: " + REMOTE)));
    }
}
