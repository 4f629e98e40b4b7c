package dev.petrel.fsm.transport;

import io.netty.channel.ChannelHandler;
import java.util.Objects;

/** The answer of an {@link AcceptPolicy}. */
public sealed interface Acceptance permits Acceptance.Reject, Acceptance.Accept {

    /** Close the connection at once (with a reset) and count it in {@link BgpTransport#rejectedConnections()}. */
    static Acceptance reject() {
        return Reject.INSTANCE;
    }

    /**
     * As {@link #reject()}, for a reason an operator wants to see (a listen range is full, say): logged at INFO,
     * at most once a second per listener group, rather than at DEBUG.
     */
    static Acceptance refuse(String reason) {
        return new Reject(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Keep the connection: apply the peer's TTL / GTSM options, then add {@code handler} to the pipeline.
     *
     * @param peer the configured peer; its {@code gtsm}, {@code hops} and {@code md5Key} are used (the remote
     *     port and connect timeout are not); if it has an MD5 key, the listener must hold the same key for the
     *     peer's address (see {@link BgpTransport#setListenerMd5Keys}) or the connection is closed
     * @param handler added last to the child's pipeline: a {@link io.netty.channel.ChannelInitializer} or another
     *     handler that is either {@link ChannelHandler.Sharable @Sharable} or new for this connection
     */
    static Acceptance accept(TransportSettings peer, ChannelHandler handler) {
        return new Accept(peer, handler);
    }

    final class Reject implements Acceptance {
        static final Reject INSTANCE = new Reject(null);
        private final String reason;

        private Reject(String reason) {
            this.reason = reason;
        }

        /** Why, for the log; null for an address that is simply not a peer's. */
        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return reason == null ? "Reject" : "Reject(" + reason + ")";
        }
    }

    record Accept(TransportSettings peer, ChannelHandler handler) implements Acceptance {
        public Accept {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(handler, "handler");
        }
    }
}
