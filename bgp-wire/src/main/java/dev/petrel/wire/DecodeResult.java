package dev.petrel.wire;

import java.util.List;

/**
 * The outcome of decoding one message: the message (absent when the session must be reset) and every problem
 * found, the strongest of which decides what the receiver does (RFC 7606 §3(h)).
 *
 * <p>For {@link ErrorAction#TREAT_AS_WITHDRAW} the message is the whole decoded UPDATE: its reachable routes must
 * be handled as withdrawals ({@link Update#treatAsWithdraw()}), and an earlier version of each must be removed.
 */
public record DecodeResult(BgpMessage message, List<Problem> problems, Family endOfRib) {
    /**
     * @param endOfRib the family this received UPDATE is the End-of-RIB of (RFC 4724 §2), or null. Decided by the
     *     decoder, which knows what was on the wire: an UPDATE whose attributes were all dropped looks like an
     *     End-of-RIB but is not one, and must not end a graceful-restart stale phase.
     */
    public DecodeResult {
        problems = List.copyOf(problems);
        boolean reset = false;
        for (Problem p : problems) {
            reset |= p.action() == ErrorAction.SESSION_RESET;
        }
        if (message == null && !reset) {
            throw new IllegalArgumentException("only a session reset comes without a message");
        }
        if (endOfRib != null && (reset || !(message instanceof Update))) {
            throw new IllegalArgumentException("only an UPDATE that is not reset can be an End-of-RIB");
        }
    }

    /** A result whose End-of-RIB is what the message's shape says ({@link Update#endOfRib()}). */
    public DecodeResult(BgpMessage message, List<Problem> problems) {
        this(message, problems, message instanceof Update u && !anyReset(problems) ? u.endOfRib() : null);
    }

    private static boolean anyReset(List<Problem> problems) {
        for (Problem p : problems) {
            if (p.action() == ErrorAction.SESSION_RESET) {
                return true;
            }
        }
        return false;
    }

    public static DecodeResult ok(BgpMessage message) {
        return new DecodeResult(message, List.of());
    }

    public static DecodeResult reset(Problem problem) {
        return new DecodeResult(null, List.of(problem));
    }

    /** The strongest action any problem asks for; {@link ErrorAction#NONE} when there is none. */
    public ErrorAction action() {
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
