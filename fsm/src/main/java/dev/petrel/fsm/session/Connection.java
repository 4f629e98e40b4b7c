package dev.petrel.fsm.session;

import dev.petrel.fsm.FsmState;
import dev.petrel.fsm.Negotiated;
import dev.petrel.wire.netty.BgpMessageEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * One state machine instance and the TCP connection it drives (RFC 4271 §8: one FSM per connection). Owned by
 * the peer's event loop; nothing here is touched from the channel's loop.
 */
final class Connection {
    final TimerSet timers;
    FsmState state;
    Direction direction;
    Channel channel;
    /** The NOTIFICATION last written, so that closing waits for it to leave. */
    ChannelFuture lastNotification;
    /** Set when a valid OPEN was accepted on this connection. */
    Negotiated negotiated;
    boolean established;
    /** The consumer asked to stop reading ({@link SessionListener#message} returned false) and has not resumed. */
    boolean consumerPaused;
    /**
     * The session is being closed for a graceful restart of ours (RFC 4724): the closing NOTIFICATION must not make
     * the peer drop our routes (see {@link PeerSession#closeForRestart}).
     */
    boolean closingForRestart;
    /** The event being handled, and the NOTIFICATION it put on the wire: how a session that ends here ended. */
    dev.petrel.fsm.FsmEvent handling;
    dev.petrel.wire.Notification sentNow;

    Connection(TimerSet timers, FsmState state, Direction direction) {
        this.timers = timers;
        this.state = state;
        this.direction = direction;
    }

    BgpMessageEncoder messageEncoder() {
        return channel == null ? null : channel.pipeline().get(BgpMessageEncoder.class);
    }
}
