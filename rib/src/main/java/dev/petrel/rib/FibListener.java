package dev.petrel.rib;

import dev.petrel.wire.nlri.Prefix;

/**
 * Where the RIB sends what the kernel should forward: the Loc-RIB after the kernel export policy (issue "Kernel
 * FIB"). Called on the RIB thread, in the order the RIB decided, so it must only record and return: the FIB
 * writes from its own thread.
 */
public interface FibListener {
    /**
     * {@code prefix} should now be forwarded as {@code entry}, or not by us at all when {@code entry} is null (no
     * best path, a best path that is not from a BGP peer, or refused by the kernel export policy). May repeat an
     * unchanged entry: the listener compares.
     */
    void changed(Prefix prefix, FibEntry entry);

    /**
     * Every family of peer {@code peer}'s session has sent End-of-RIB, and every route it sent before has been
     * passed to {@link #changed}: a restarting FIB may stop waiting for that peer (RFC 4724 §4.1 selection
     * deferral).
     */
    default void peerConverged(String peer) {}
}
