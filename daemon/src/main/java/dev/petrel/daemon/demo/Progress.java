package dev.petrel.daemon.demo;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines stamped with the time since the demo started ({@code [ 3.1s] ...}). */
final class Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void say(String line) {
        out.println(String.format(Locale.ROOT, "[%4.1fs] %s", seconds(), line));
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
