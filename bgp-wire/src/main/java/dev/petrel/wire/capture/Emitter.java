package dev.petrel.wire.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands records to the caller's sink, and keeps per-file bookkeeping about problems: a problem that can repeat
 * on every packet is reported a bounded number of times per category, so a capture full of, say, IP fragments
 * yields a handful of problems rather than one per packet.
 */
final class Emitter {
    /** How many problems of one category are reported per file before the rest are summarised. */
    static final int PER_CATEGORY = 8;

    /** Wraps an exception thrown by the caller's sink, so the reader can tell it from its own failures. */
    static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private final Consumer<CaptureRecord> sink;
    private final CaptureReader.Observer observer;
    private final Map<String, Integer> perCategory = new HashMap<>();

    Emitter(Consumer<CaptureRecord> sink, CaptureReader.Observer observer) {
        this.sink = sink;
        this.observer = observer;
    }

    CaptureReader.Observer observer() {
        return observer;
    }

    void emit(CaptureRecord r) {
        try {
            sink.accept(r);
        } catch (RuntimeException e) {
            throw new SinkFailure(e);
        }
    }

    void problem(CaptureProblem.Kind kind, String description, String source, byte[] buf, int off, int len) {
        emit(CaptureProblem.of(kind, description, source, buf, off, len));
    }

    /**
     * Reports a problem unless {@link #PER_CATEGORY} problems of this category were already reported for this file;
     * the one after the limit says that further ones are suppressed.
     */
    void throttled(String category, CaptureProblem.Kind kind, String description, String source, byte[] buf, int off,
            int len) {
        int n = perCategory.merge(category, 1, Integer::sum);
        if (n <= PER_CATEGORY) {
            problem(kind, description, source, buf, off, len);
        } else if (n == PER_CATEGORY + 1) {
            problem(kind, "further problems of this kind in this file are not reported (" + category + ")", source,
                    null, 0, 0);
        }
    }
}
