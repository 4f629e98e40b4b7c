package dev.petrel.rib;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What the RIB thread is asked to do: everything that changes a table arrives as one of these. */
sealed interface RibCommand {
    record AddPeer(RibPeer peer) implements RibCommand {}

    record RemovePeer(RibPeer peer) implements RibCommand {}

    record Reconfigure(RibPeer peer, PeerRibConfig config) implements RibCommand {}

    record PeerUp(RibPeer peer, SessionInfo session, RouteSink sink) implements RibCommand {}

    record PeerDown(RibPeer peer, String reason, StaleRetention keep) implements RibCommand {}

    record Routes(RibPeer peer, Update update, ErrorAction action) implements RibCommand {}

    record EndOfRib(RibPeer peer, Family family) implements RibCommand {}

    record Refresh(RibPeer peer, RouteRefresh request) implements RibCommand {}

    record Writable(RibPeer peer) implements RibCommand {}

    record Originate(Prefix prefix, PathAttributes attributes, NextHop nextHop) implements RibCommand {}

    record WithdrawLocal(Prefix prefix) implements RibCommand {}

    record Learn(Prefix prefix, PathAttributes attributes, NextHop nextHop, String interfaceName, int priority)
            implements RibCommand {}

    record Unlearn(Prefix prefix) implements RibCommand {}

    record AttachFib(FibListener listener, dev.petrel.rib.policy.Policy export) implements RibCommand {}

    record KernelExport(dev.petrel.rib.policy.Policy export) implements RibCommand {}

    record Observe(RibObserver observer) implements RibCommand {}

    record Unobserve(RibObserver observer) implements RibCommand {}

    /** Does nothing: wakes the loop so that it looks at its paused peers again (a reading hold was released). */
    record Wake() implements RibCommand {}

    /** Holds back (or lets go) all output to peers: see {@link Rib#deferOutput}. */
    record DeferOutput(boolean deferred) implements RibCommand {}

    record Query<T>(Function<RibView, T> question, CompletableFuture<T> answer) implements RibCommand {}
}
