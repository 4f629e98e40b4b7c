package dev.petrel.fsm.session;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;

/**
 * Opens an outgoing TCP connection to the peer with its socket options (source address, MD5, TTL, GTSM) and
 * the given handler as the channel's initializer. Implemented over {@code dev.petrel.fsm.transport}.
 */
@FunctionalInterface
public interface Connector {
    ChannelFuture connect(ChannelHandler initializer);
}
