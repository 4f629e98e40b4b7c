package dev.petrel.wire;

import dev.petrel.wire.nlri.PrefixList;
import java.util.HexFormat;

/**
 * The log line RFC 7606 §6 requires for a malformed UPDATE: what was wrong, what was done, the NLRI involved and the
 * whole message in hex. The session layer decides how often to write it (a peer must not be able to fill a disk);
 * this class only decides what it says, so every caller says the same thing.
 */
public final class MalformedUpdateLog {
    private MalformedUpdateLog() {}

    /**
     * One line describing {@code result} of decoding {@code buf[off, off+len)}, or null when nothing was wrong.
     *
     * @param maxOctets how many octets of the message to print in hex; a longer message says how much was left out
     */
    public static String line(DecodeResult result, byte[] buf, int off, int len, int maxOctets) {
        if (result.problems().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(128 + 2 * Math.min(len, maxOctets));
        sb.append("malformed UPDATE: ").append(result.action().label());
        Notification n = result.notification();
        if (n != null) {
            sb.append(" (NOTIFICATION ").append(n.code()).append('/').append(n.subcode()).append(')');
        }
        sb.append(';');
        for (Problem p : result.problems()) {
            sb.append(' ').append(p).append(';');
        }
        if (result.message() instanceof Update u) {
            sb.append(" NLRI");
            appendAll(sb, result.action() == ErrorAction.TREAT_AS_WITHDRAW ? "withdrawn" : "announced", u.reachable());
            appendAll(sb, "withdrawn by the peer", u.unreachable());
        }
        int shown = Math.min(len, maxOctets);
        sb.append(" message ").append(HexFormat.of().formatHex(buf, off, off + shown));
        if (shown < len) {
            sb.append(" (").append(len - shown).append(" more octets)");
        }
        return sb.toString();
    }

    private static void appendAll(StringBuilder sb, String what, java.util.List<PrefixList> lists) {
        int n = 0;
        for (PrefixList l : lists) {
            n += l.size();
        }
        sb.append(' ').append(what).append(" [");
        boolean first = true;
        for (PrefixList l : lists) {
            for (int i = 0; i < l.size(); i++) {
                sb.append(first ? "" : " ").append(l.text(i));
                first = false;
            }
        }
        sb.append("] (").append(n).append(");");
    }
}
