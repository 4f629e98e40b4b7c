package dev.petrel.bench.fulltable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says about a process: CPU time (all threads, live and exited) and resident memory. */
final class Procfs {
    private static final long CLOCK_TICKS = clockTicks();

    private Procfs() {}

    /** utime + stime of the whole process, in seconds ({@code /proc/PID/stat}, clock-tick resolution). */
    static double cpuSeconds(long pid) {
        long[] t = times(pid);
        return (t[0] + t[1]) / (double) CLOCK_TICKS;
    }

    /** stime alone: the CPU the process spent in the kernel (system calls, and the network stack under them). */
    static double systemSeconds(long pid) {
        return times(pid)[1] / (double) CLOCK_TICKS;
    }

    private static long[] times(long pid) {
        String stat = read(pid, "stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15: utime, stime
    }

    /**
     * CPU seconds all processes of the machine spent so far, user and system (the first line of
     * {@code /proc/stat}: everything but idle and iowait).
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The peak resident set size so far, in bytes ({@code VmHWM}). */
    static long peakRss(long pid) {
        return statusKb(pid, "VmHWM:") * 1024;
    }

    /** The resident set size now, in bytes ({@code VmRSS}). */
    static long rss(long pid) {
        return statusKb(pid, "VmRSS:") * 1024;
    }

    private static long statusKb(long pid, String key) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone (" + e.getMessage() + ")", e);
        }
    }

    private static long clockTicks() {
        Exec.Result r = Exec.run("getconf", "CLK_TCK");
        try {
            return r.ok() ? Long.parseLong(r.output().trim()) : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
