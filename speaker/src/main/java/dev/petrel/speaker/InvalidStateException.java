package dev.petrel.speaker;

import java.util.List;

/**
 * A desired state (or one operation's change to it) that cannot be applied: every problem found, each as the
 * configuration checker words it ({@code key: message}). Nothing was changed.
 */
public final class InvalidStateException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidStateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
