package dev.petrel.speaker;

import java.util.List;

/**
 * A desired state (or one operation's change to it) that cannot be applied: every problem found, each as the
 * configuration checker words it ({@code key: message}). Nothing was changed.
 */
public final class InvalidStateException extends IllegalArgumentException {
    /** Every problem found. */
    private final List<String> problems;

    /** @param problems every problem found, each {@code key: message} */
    public InvalidStateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each {@code key: message}. */
    public List<String> problems() {
        return problems;
    }
}
