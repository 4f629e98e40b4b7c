package dev.petrel.daemon.show;

import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code show peers} table, laid out like BIRD's {@code show protocols} and FRR's {@code show bgp summary}:
 * columns as wide as their widest cell, the last error last because it is the longest. A dynamic peer (from a
 * listen range) has a {@code *} before its address, as FRR marks dynamic neighbours, and a legend says so.
 */
public final class PeersTable {
    private static final String[] HEADER = {"Name", "Address", "AS", "State", "Up/Down", "Pfx rx/tx", "Last error"};

    private PeersTable() {}

    public static String render(List<PeerStatus> peers, Instant now) {
        if (peers.isEmpty()) {
            return "no peers configured\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PeerStatus p : peers) {
            rows.add(row(p, now));
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (peers.stream().anyMatch(PeerStatus::dynamic)) {
            out.append("* dynamic peer, accepted by a listen range (named RANGE/ADDRESS)\n");
        }
        return out.toString();
    }

    private static String[] row(PeerStatus p, Instant now) {
        PeerStatus.Counters c = p.counters() != null ? p.counters() : PeerStatus.Counters.ZERO;
        return new String[] {
            printable(p.name()),
            (p.dynamic() ? "*" : "") + printable(p.address()),
            Long.toString(p.remoteAs()),
            p.state() != null ? p.state().rfcName() : "?",
            upDown(p, now),
            c.prefixesReceived() + "/" + c.prefixesSent(),
            lastError(p.lastError()),
        };
    }

    /** Time in the current state: the uptime when Established, otherwise how long it has been down. */
    private static String upDown(PeerStatus p, Instant now) {
        Instant since = p.establishedSince() != null ? p.establishedSince() : p.lastStateChange();
        return since == null ? "never" : duration(Duration.between(since, now));
    }

    /** FRR's {@code peer_uptime}: 00:01:23 under a day, 1d02h03m under a week, then 02w3d04h. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86400;
        long h = s / 3600 % 24;
        long m = s / 60 % 60;
        if (days == 0) {
            return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", h, m, s % 60);
        }
        if (days < 7) {
            return String.format(java.util.Locale.ROOT, "%dd%02dh%02dm", days, h, m);
        }
        return String.format(java.util.Locale.ROOT, "%02dw%dd%02dh", days / 7, days % 7, h);
    }

    private static String lastError(PeerStatus.LastError e) {
        if (e == null) {
            return "-";
        }
        String text = printable(e.text());
        if ("local".equals(e.direction())) {
            return "local: " + text;
        }
        return printable(e.direction()) + " " + e.code() + "/" + e.subcode() + " " + text;
    }

    /** The daemon sanitises, but this client may be talking to any version of it: no control characters. */
    private static String printable(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }
}
