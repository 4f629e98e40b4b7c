package dev.petrel.fib.learn;

/**
 * Whether a kernel route is (or would be) learned, and why, in words for {@code show}.
 *
 * @param learned whether it becomes a locally originated route
 * @param why the rule that decided, e.g. "protocol 186 is Petrel's own" or "interface cali1234 matches \"cali*\""
 */
public record LearnDecision(boolean learned, String why) {
    static LearnDecision yes(String why) {
        return new LearnDecision(true, why);
    }

    static LearnDecision no(String why) {
        return new LearnDecision(false, why);
    }

    @Override
    public String toString() {
        return (learned ? "learned: " : "not learned: ") + why;
    }
}
