package dev.petrel.wire;

import java.util.List;

/**
 * The outcome of decoding one message: the message (absent when the session must be reset) and every problem
 * found, the strongest of which decides what the receiver does (RFC 7606 §3(h)).
 *
 * <p>For {@link ErrorAction#TREAT_AS_WITHDRAW} the message is the whole decoded UPDATE: its reachable routes must
 * be handled as withdrawals ({@link Update#treatAsWithdraw()}), and an earlier version of each must be removed.
 */
public record DecodeResult(BgpMessage message, List<Problem> problems) {
    public DecodeResult {
        problems = List.copyOf(problems);
        // Not action(): in a compact constructor the fields are assigned only after this body, so the accessor
        // would read a null list.
        if (message == null && strongestAction(problems) != ErrorAction.SESSION_RESET) {
            throw new IllegalArgumentException("only a session reset comes without a message");
        }
    }

    public static DecodeResult ok(BgpMessage message) {
        return new DecodeResult(message, List.of());
    }

    public static DecodeResult reset(Problem problem) {
        return new DecodeResult(null, List.of(problem));
    }

    /** The strongest action any problem asks for; {@link ErrorAction#NONE} when there is none. */
    public ErrorAction action() {
        return strongestAction(problems);
    }

    private static ErrorAction strongestAction(List<Problem> problems) {
        ErrorAction a = ErrorAction.NONE;
        for (Problem p : problems) {
            a = a.max(p.action());
        }
        return a;
    }

    /** The first of the strongest problems, or null when there are none. */
    public Problem strongest() {
        Problem best = null;
        for (Problem p : problems) {
            if (best == null || p.action().compareTo(best.action()) > 0) {
                best = p;
            }
        }
        return best;
    }

    /** The NOTIFICATION to send when the session must be reset, else null. */
    public Notification notification() {
        Problem p = strongest();
        if (p == null || p.action() != ErrorAction.SESSION_RESET) {
            return null;
        }
        return new Notification(p.code(), p.subcode(), p.data());
    }

    public boolean isReset() {
        return action() == ErrorAction.SESSION_RESET;
    }
}
