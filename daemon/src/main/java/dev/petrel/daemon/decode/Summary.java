package dev.petrel.daemon.decode;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Update;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts for {@code petrel decode --summary}. */
final class Summary {
    final Map<String, Long> byType = new TreeMap<>();
    final Map<ErrorAction, Long> byAction = new EnumMap<>(ErrorAction.class);
    long announced;
    long withdrawn;
    long endOfRib;
    long containerProblems;
    long stateChanges;
    long bytes;

    void count(String type, DecodeResult r, int length) {
        byType.merge(type, 1L, Long::sum);
        byAction.merge(r.action(), 1L, Long::sum);
        bytes += length;
        if (r.message() instanceof Update u) {
            // A treat-as-withdraw UPDATE withdraws what it announced.
            boolean taw = r.action() == ErrorAction.TREAT_AS_WITHDRAW;
            for (var l : u.reachable()) {
                if (taw) {
                    withdrawn += l.size();
                } else {
                    announced += l.size();
                }
            }
            for (var l : u.unreachable()) {
                withdrawn += l.size();
            }
            if (r.endOfRib() != null) {
                endOfRib++;
            }
        }
    }

    void print(PrintStream out, String format, long nanos) {
        long messages = byType.values().stream().mapToLong(Long::longValue).sum();
        double s = nanos / 1e9;
        out.println("format: " + format);
        out.println("messages: " + messages + " " + byType);
        out.println("prefixes: announced " + announced + ", withdrawn " + withdrawn + ", end-of-rib markers " + endOfRib);
        out.println("actions: " + byAction);
        if (stateChanges > 0 || containerProblems > 0) {
            out.println("other records: " + stateChanges + " state changes, " + containerProblems + " unreadable");
        }
        out.printf("decoded %d octets in %.3f s: %.0f messages/s, %.0f prefixes/s%n", bytes, s,
                s > 0 ? messages / s : 0, s > 0 ? (announced + withdrawn) / s : 0);
    }
}
