package dev.petrel.fib.learn;

import dev.petrel.wire.nlri.Prefix;

/**
 * Where the {@link Learner} reports what changed; the daemon turns these into locally originated routes. Each
 * change is reported once: a call always differs from what the sink was last told about that prefix.
 */
public interface LearnSink {
    /** {@code prefix} is learned, replacing whatever was learned for it before. */
    void learned(Prefix prefix, LearnedRoute route);

    /** {@code prefix} is no longer learned; only called for a prefix that was. */
    void unlearned(Prefix prefix);
}
