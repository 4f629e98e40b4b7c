package dev.petrel.speaker;

import dev.petrel.fsm.session.PeerSession;
import dev.petrel.rib.RouteSink;
import dev.petrel.wire.Notification;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The RIB's output for one Established session: bound to that session's channel, so nothing the RIB encoded for
 * one session can reach a later one.
 */
final class SessionSink implements RouteSink {
    private final PeerSession session;
    private final Channel channel;

    SessionSink(PeerSession session, Channel channel) {
        this.session = session;
        this.channel = channel;
    }

    @Override
    public boolean isWritable() {
        // A closed channel is "writable": writes to it are dropped, and a group must not wait on it.
        return channel.isWritable() || !channel.isActive();
    }

    @Override
    public void write(ByteBuf buf, int messages, int prefixes) {
        session.writeUpdates(channel, buf, messages, prefixes);
    }

    @Override
    public void writeRouteRefresh(ByteBuf buf) {
        session.writeRouteRefresh(channel, buf);
    }

    @Override
    public void resumeReading() {
        session.resumeReading();
    }

    @Override
    public void reset(Notification notification) {
        session.automaticStop(notification);
    }
}
