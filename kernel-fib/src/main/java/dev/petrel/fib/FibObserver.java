package dev.petrel.fib;

import java.util.List;

/**
 * Told, on the FIB thread, what the kernel did with each route: the FIB's results for an embedder (a UI, a test,
 * a metrics exporter). Attach with {@link Fib#observe}; the first call is a snapshot, every later one a change
 * after it, so a mirror built from them is never missing anything and never sees a change twice.
 *
 * <p>Both methods run on the FIB thread, between kernel writes: they must only record and return (hand the values
 * to a queue, update a map). A slow observer slows every route write; an exception is logged and ignored.
 */
public interface FibObserver {
    /**
     * Once, on the FIB thread, when attached: every route the FIB holds now ({@link Fib#entries()} as it is,
     * sorted by prefix). Later {@link #result} calls are the changes after it.
     */
    void attached(List<FibEntryView> entries);

    /**
     * The kernel's verdict on one prefix after a write or a change found in the kernel: installed (with what),
     * removed (no longer ours in the kernel), or failed with the kernel's error and when it is retried. A failure
     * repeated on retry with the same error is not told again.
     */
    void result(FibResult result);
}
