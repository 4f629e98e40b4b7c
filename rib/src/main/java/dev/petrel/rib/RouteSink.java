package dev.petrel.rib;

import dev.petrel.wire.Notification;
import io.netty.buffer.ByteBuf;

/**
 * Where the RIB sends a peer's UPDATEs: the Established session. Implemented by the speaker over the session's
 * channel. Every method may be called from the RIB thread and must not block.
 */
public interface RouteSink {
    /** False while the channel's outbound buffer is above its high-water mark: the RIB then waits for
     * {@link Rib#writable} before sending more to this peer. */
    boolean isWritable();

    /**
     * Sends {@code messages} complete BGP messages held in {@code buf} (ownership passes: the sink releases it),
     * carrying {@code prefixes} announced or withdrawn routes, and flushes.
     */
    void write(ByteBuf buf, int messages, int prefixes);

    /**
     * Sends one encoded ROUTE-REFRESH message (an RFC 7313 BoRR or EoRR marker) in {@code buf}, as {@link #write}
     * does; separate so the session counts it by its type rather than as an UPDATE.
     */
    default void writeRouteRefresh(ByteBuf buf) {
        write(buf, 1, 0);
    }

    /** Resume reading from the peer: the RIB had asked it to pause (backpressure) and has caught up. */
    void resumeReading();

    /** End the session with {@code notification} (route limit exceeded: Cease/1). */
    void reset(Notification notification);
}
