package dev.petrel.rib;

import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Prefix;

/**
 * Told every change of the tables, on the RIB thread, in decision order. Must only record and return (never block,
 * never call back into the Rib synchronously). Attached with {@link Rib#observe}, detached with
 * {@link Rib#unobserve}; several may be attached at once.
 *
 * <p>The stream is a snapshot ({@link #attached}) and then every change made after it, with no gap and no
 * duplicate: replaying the callbacks onto the snapshot gives the tables as they are. Within one command the
 * Adj-RIB-In change of a path is reported before the change of the best path it causes. An observer whose
 * callback throws is detached (and the failure logged): the RIB does not go on feeding a stream it knows has a
 * hole.
 *
 * <p>Not reported as changes: the {@link PathEntry#stale} mark (RFC 7313 refresh, RFC 4724 restart) and the
 * {@link PathEntry#best} flag of an Adj-RIB-In path ({@link #bestChanged} says which path is best).
 */
public interface RibObserver {
    /**
     * Called once on the RIB thread when the observer is attached, before any other callback: read the snapshot you
     * need from view (it is only valid during this call). Every later callback is a change made after this
     * snapshot.
     */
    void attached(RibView view);

    /**
     * The best path of prefix changed: best is the new best (a PathEntry with best()==true, attributes after import
     * policy) or null when the prefix has no eligible path any more. Called when the best path's source, path id,
     * post-policy attributes, next hop (or kernel priority set by import policy) differ from the last one reported
     * (or from the snapshot); not for a re-announcement that changes nothing.
     */
    default void bestChanged(Prefix prefix, PathEntry best) {}

    /**
     * A path of peer's Adj-RIB-In changed: after is the path now held (received = as received, before policy;
     * attributes = after import policy, null when rejected; eligible/ineligible) or null when it was withdrawn or
     * removed (also when the peer went down or was removed, once per path). Not called when nothing differs (same
     * received attributes, next hop and same post-policy result). Also called when a policy change (reconfigure)
     * changes the post-policy result. The {@code best} flag of {@code after} is as of this change only.
     */
    default void adjRibInChanged(String peer, Prefix prefix, long pathId, PathEntry after) {}

    /**
     * peer sent End-of-RIB for family (RFC 4724), after every route it sent before it has been reported. Once per
     * family and session: a repeated End-of-RIB is not reported again (see {@link RibView#endOfRibReceived}).
     */
    default void endOfRib(String peer, Family family) {}

    /**
     * {@code peer}'s session ended (down or removed), after the withdrawals of every path it had sent that is not
     * kept stale while it restarts (RFC 4724 §4.2: those are withdrawn later, if they go): the End-of-RIBs it had
     * sent no longer hold; its next session's are reported again.
     */
    default void sessionEnded(String peer) {}

    /**
     * Whether {@link #bestChanged} has a use now; asked on the RIB thread before each change. While no attached
     * observer wants them the RIB builds no best-path events at all (an observer attached for one stream does not
     * make the RIB pay for the others). The answer may change from one change to the next.
     */
    default boolean wantsBestPaths() {
        return true;
    }

    /** Whether {@link #adjRibInChanged} has a use now; as {@link #wantsBestPaths}. */
    default boolean wantsAdjRibIn() {
        return true;
    }
}
