package dev.petrel.bench.fulltable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three network namespaces of the full-table benchmark and everything started in them, torn down by
 * {@link #close()} (idempotent; also run by a shutdown hook, so a Ctrl-C or a failure leaves nothing behind):
 *
 * <pre>
 *   NAME-inj                      NAME-rtr                              NAME-rcv
 *   injector 10.255.0.1/24 ─veth─ 10.255.0.2/24  router  10.255.2.1/24 ─veth─ 10.255.2.10 .. 10.255.2.(9+N)/24
 * </pre>
 *
 * <p>Beyond 200 receivers (the reflector benchmark's mesh has 1,000) they spread over further /24s on the same
 * link, 200 to each ({@link #receiver}): 10.255.3.10 .. 10.255.3.209 and so on, with the router at .1 of each.
 * Every receiver still connects to 10.255.2.1.
 *
 * <p>The injector's address is the NEXT_HOP of every route of {@code FullTableStream}, so a router that checks
 * that an eBGP next hop is on a connected network (BIRD does) accepts them. Processes are stopped with SIGTERM,
 * then SIGKILL after 5 s; then anything still running inside a namespace (which can only be ours) is killed and
 * the namespaces deleted, which deletes the veth pairs.
 */
final class Testbed implements AutoCloseable {
    static final String INJECTOR = "10.255.0.1";
    static final String ROUTER_TO_INJECTOR = "10.255.0.2";
    static final String ROUTER_TO_RECEIVERS = "10.255.2.1";
    static final String FIRST_RECEIVER = "10.255.2.10";
    static final int MAX_RECEIVERS = 1000;
    /** Receivers per /24 of the receivers' link. */
    static final int RECEIVERS_PER_NET = 200;

    final String injectorNs;
    final String routerNs;
    final String receiversNs;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private Testbed(String name) {
        injectorNs = name + "-inj";
        routerNs = name + "-rtr";
        receiversNs = name + "-rcv";
        hook = new Thread(this::close, "fulltable-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates the namespaces and links; {@code name} is short (letters, digits), e.g. "fb" + the PID. */
    static Testbed create(String name, int receivers) {
        if (!name.matches("[a-z][a-z0-9]{0,9}")) {
            throw new IllegalArgumentException("namespace prefix must be [a-z][a-z0-9]{0,9}: " + name);
        }
        if (receivers < 0 || receivers > MAX_RECEIVERS) { // 0: the kernel FIB mode, which has none
            throw new IllegalArgumentException("receivers must be 0.." + MAX_RECEIVERS);
        }
        Testbed t = new Testbed(name);
        try {
            for (String ns : List.of(t.injectorNs, t.routerNs, t.receiversNs)) {
                Exec.run("ip", "netns", "add", ns).orThrow();
                t.namespaces.add(ns);
                Exec.run("ip", "-n", ns, "link", "set", "lo", "up").orThrow();
            }
            t.link(name + "i", t.injectorNs, INJECTOR, name + "ri", t.routerNs, ROUTER_TO_INJECTOR);
            t.link(name + "rc", t.routerNs, ROUTER_TO_RECEIVERS, name + "c", t.receiversNs, FIRST_RECEIVER);
            String dev = name + "c";
            for (int i = 1; i < receivers; i++) {
                String address = receiver(i).getHostAddress();
                Exec.run("ip", "-n", t.receiversNs, "addr", "add", address + "/24", "dev", dev).orThrow();
                if (i % RECEIVERS_PER_NET == 0) { // a further /24: the router gets .1 of it too
                    String router = FullTableSpeakers.offset(address, 1 - 10).getHostAddress();
                    Exec.run("ip", "-n", t.routerNs, "addr", "add", router + "/24", "dev", name + "rc").orThrow();
                }
            }
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** The address of receiver {@code i} (0-based): 10.255.(2 + i / 200).(10 + i % 200). */
    static java.net.InetAddress receiver(int i) {
        return FullTableSpeakers.spread(FullTableSpeakers.offset(FIRST_RECEIVER, 0), i);
    }

    private void link(String aIf, String aNs, String aAddress, String bIf, String bNs, String bAddress) {
        Exec.run("ip", "link", "add", aIf, "type", "veth", "peer", "name", bIf).orThrow();
        try {
            Exec.run("ip", "link", "set", aIf, "netns", aNs).orThrow();
            Exec.run("ip", "link", "set", bIf, "netns", bNs).orThrow();
        } catch (RuntimeException e) {
            Exec.run("ip", "link", "del", aIf); // still in the host namespace: deleting the namespaces would not
            throw e;
        }
        Exec.run("ip", "-n", aNs, "addr", "add", aAddress + "/24", "dev", aIf).orThrow();
        Exec.run("ip", "-n", bNs, "addr", "add", bAddress + "/24", "dev", bIf).orThrow();
        Exec.run("ip", "-n", aNs, "link", "set", aIf, "up").orThrow();
        Exec.run("ip", "-n", bNs, "link", "set", bIf, "up").orThrow();
    }

    /**
     * Starts {@code command} inside namespace {@code ns} ({@code ip netns exec}, which execs it: the process is
     * the command itself), stdout piped unless {@code stdout} is given, stderr to {@code log}.
     */
    synchronized Process start(String ns, List<String> command, Path log, Path stdout) throws IOException {
        if (closed) {
            throw new IllegalStateException("torn down");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (stdout != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Stops one process (SIGTERM, SIGKILL after {@code graceSeconds}) and its descendants. */
    static void stop(Process p, int graceSeconds) {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle d : descendants) {
            d.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i), 5);
        }
        for (String ns : namespaces) {
            // Anything left in our namespace is ours: a child a stopped process left behind.
            Exec.Result pids = Exec.run("ip", "netns", "pids", ns);
            if (pids.ok()) {
                for (String pid : pids.output().trim().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
            Exec.Result r = Exec.run("ip", "netns", "del", ns);
            if (!r.ok()) {
                System.err.println("fulltable: could not delete namespace " + ns + ": " + r.describe());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // close() is the hook itself
        }
    }
}
