package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * FRR's {@code zebra} and {@code bgpd} in a namespace, isolated from any system FRR: every path is in a runtime
 * directory of the test network's own ({@code --vty_socket DIR}, {@code -z DIR/zserv.api}, {@code -i PIDFILE},
 * {@code -f CONFIG}), both run in the foreground (no {@code -d}) with {@code --log stdout} into their
 * {@link ManagedProcess} logs, and are driven with {@code vtysh --vty_socket DIR}. Nothing under
 * /etc/frr or /var/run/frr is read or written except vtysh's own /etc/frr/vtysh.conf.
 *
 * <p>The daemons drop privileges to the {@code frr} user ({@code -u frr -g frr}, as the Debian service does):
 * run as {@code -u root}, FRR 8.4 refuses to start because root is not in the {@code frrvty} group. The runtime
 * directory is therefore mode 0777 inside a 0755 work directory.
 */
public final class Frr implements AutoCloseable {

    /** Directory of the FRR daemons; {@code -Dpetrel.interop.frrDir} overrides /usr/lib/frr. */
    public static final Path DAEMON_DIR = Path.of(System.getProperty("petrel.interop.frrDir", "/usr/lib/frr"));

    /** How long {@link #start} waits for each daemon. */
    public static final Duration STARTUP = Duration.ofSeconds(20);

    private final Netns netns;
    private final FrrConfig config;
    private final Path dir;
    private final ManagedProcess zebra;
    private final ManagedProcess bgpd;

    private Frr(Netns netns, FrrConfig config, Path dir, ManagedProcess zebra, ManagedProcess bgpd) {
        this.netns = netns;
        this.config = config;
        this.dir = dir;
        this.zebra = zebra;
        this.bgpd = bgpd;
    }

    /** Writes zebra.conf and bgpd.conf, starts zebra, waits for its zserv socket, starts bgpd, waits for vtysh. */
    public static Frr start(TestNetwork net, Netns netns, FrrConfig cfg) {
        Path dir = net.dir("frr-" + netns.name());
        String host = cfg.hostname() != null ? cfg.hostname() : "frr-" + netns.name();
        Path zebraConf = dir.resolve("zebra.conf");
        Path bgpdConf = dir.resolve("bgpd.conf");
        Path zsock = dir.resolve("zserv.api");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(zebraConf, cfg.renderZebra(host), StandardCharsets.UTF_8);
            Files.writeString(bgpdConf, cfg.renderBgpd(host), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -P 0: no TCP vty listener, vtysh uses the unix sockets in dir.
        List<String> common = new ArrayList<>(List.of("--vty_socket", dir.toString(), "-z", zsock.toString(),
                "-P", "0", "--log", "stdout"));
        common.addAll(userOptions());

        List<String> zebraCmd = new ArrayList<>(List.of(DAEMON_DIR.resolve("zebra").toString(),
                "-f", zebraConf.toString(), "-i", dir.resolve("zebra.pid").toString()));
        zebraCmd.addAll(common);
        ManagedProcess zebra = net.start("zebra-" + netns.name(), netns, zebraCmd);
        Await.until("zebra in " + netns.name() + " listening on " + zsock, STARTUP, () -> {
            zebra.requireAlive();
            return Files.exists(zsock);
        }, ok -> ok, ok -> zebra.logTail(30));

        List<String> bgpdCmd = new ArrayList<>(List.of(DAEMON_DIR.resolve("bgpd").toString(),
                "-f", bgpdConf.toString(), "-i", dir.resolve("bgpd.pid").toString()));
        bgpdCmd.addAll(common);
        return startBgpd(net, netns, cfg, dir, zebra, bgpdCmd);
    }

    private static Frr startBgpd(TestNetwork net, Netns netns, FrrConfig cfg, Path dir, ManagedProcess zebra,
            List<String> bgpdCmd) {
        ManagedProcess bgpd = net.start("bgpd-" + netns.name(), netns, bgpdCmd);
        Frr frr = new Frr(netns, cfg, dir, zebra, bgpd);
        Await.until("bgpd in " + netns.name() + " answering vtysh", STARTUP, () -> {
            bgpd.requireAlive();
            return frr.vtysh("show bgp summary json");
        }, r -> r.ok() && r.stdout().strip().startsWith("{"), r -> r.describe() + "\n--- bgpd log ---\n"
                + bgpd.logTail(30));
        return frr;
    }

    /**
     * bgpd crashes, zebra stays (what FRR's graceful restart is built for): SIGKILL to bgpd (by PID) and wait until
     * it is gone. It sends nothing; its peers see the TCP connections die. {@link #startBgpdAgain} brings it back.
     */
    public void killBgpd() {
        bgpd.kill();
    }

    /** A new bgpd with {@code next}'s bgpd.conf and the same command line; returns the FRR to use from then on. */
    public Frr startBgpdAgain(TestNetwork net, FrrConfig next) {
        if (bgpd.isAlive()) {
            throw new IllegalStateException("bgpd (pid " + bgpd.pid() + ") is still running");
        }
        String host = next.hostname() != null ? next.hostname() : "frr-" + netns.name();
        try {
            Files.writeString(dir.resolve("bgpd.conf"), next.renderBgpd(host), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return startBgpd(net, netns, next, dir, zebra, bgpd.command());
    }

    /** {@code -u frr -g frr} when the frr user exists, else nothing (FRR's compiled-in default). */
    private static List<String> userOptions() {
        return Exec.run("id", "-u", "frr").ok() ? List.of("-u", "frr", "-g", "frr") : List.of();
    }

    public Netns netns() {
        return netns;
    }

    /** The runtime directory (configs, vty sockets, zserv socket, pid files). */
    public Path dir() {
        return dir;
    }

    public ManagedProcess zebra() {
        return zebra;
    }

    public ManagedProcess bgpd() {
        return bgpd;
    }

    /** {@code vtysh --vty_socket DIR -c C1 -c C2 ...}. */
    public CommandResult vtysh(String... commands) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString()));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        return Exec.run(cmd, Exec.DEFAULT_TIMEOUT);
    }

    /** Runs one {@code ... json} command and parses its answer; throws with the raw text if it is not JSON. */
    public JsonNode json(String command) {
        CommandResult r = vtysh(command);
        JsonNode n = FrrOutput.parse(r.stdout());
        if (n == null) {
            throw new IllegalStateException("not JSON: " + r.describe());
        }
        return n;
    }

    /** Raw {@code show bgp neighbors ADDRESS json}. */
    public String showNeighbor(String address) {
        CommandResult r = vtysh("show bgp neighbors " + address + " json");
        return r.ok() ? r.stdout() : r.describe();
    }

    /** The parsed state of neighbor {@code address}. */
    public PeerSnapshot neighbor(String address) {
        return FrrOutput.neighbor(address, showNeighbor(address));
    }

    /** Waits until neighbor {@code address} is in {@code state}; the failure message has the last JSON. */
    public PeerSnapshot awaitState(String address, BgpState state, Duration timeout) {
        return Await.until("FRR " + netns.name() + " neighbor " + address + " " + state, timeout,
                () -> neighbor(address), s -> s.state() == state, s -> s + "\n--- bgpd log ---\n" + bgpd.logTail(20));
    }

    /** {@code show bgp summary json}. */
    public JsonNode summary() {
        return json("show bgp summary json");
    }

    /** The prefixes in bgpd's IPv4 or IPv6 unicast table ({@code show bgp ipv4|ipv6 unicast json}). */
    public Set<String> routes(boolean ipv6) {
        return FrrOutput.routes(vtysh("show bgp " + (ipv6 ? "ipv6" : "ipv4") + " unicast json").stdout());
    }

    /** Raw {@code show bgp ipv4|ipv6 unicast} text, for messages. */
    public String showRoutes(boolean ipv6) {
        return vtysh("show bgp " + (ipv6 ? "ipv6" : "ipv4") + " unicast").stdout();
    }

    /** Runs configuration lines inside {@code conf t} / {@code router bgp ASN}. */
    public CommandResult configureBgp(String... lines) {
        List<String> cmds = new ArrayList<>(List.of("configure terminal", "router bgp " + config.asn()));
        cmds.addAll(List.of(lines));
        CommandResult r = vtysh(cmds.toArray(String[]::new)).orThrow();
        if (r.stdout().contains("% ")) {
            throw new IllegalStateException("vtysh rejected configuration: " + r.describe());
        }
        return r;
    }

    /** Runs configuration lines inside {@code configure terminal}; throws if vtysh complains. */
    public CommandResult configure(String... lines) {
        List<String> cmds = new ArrayList<>(List.of("configure terminal"));
        cmds.addAll(List.of(lines));
        CommandResult r = vtysh(cmds.toArray(String[]::new)).orThrow();
        if (r.stdout().contains("% ")) {
            throw new IllegalStateException("vtysh rejected configuration: " + r.describe());
        }
        return r;
    }

    /**
     * Originates {@code a} in the running bgpd: (re)writes its route-map and (re)issues {@code network PREFIX
     * route-map NAME}. The network statement is removed first when it exists, so that the new attributes apply at
     * once rather than after FRR's route-map delay timer.
     */
    public void announce(Announcement a) {
        List<String> lines = new ArrayList<>();
        String af = "address-family " + (a.ipv6() ? "ipv6" : "ipv4") + " unicast";
        boolean known = config.announcements().stream().anyMatch(x -> x.prefix().equals(a.prefix()));
        if (known) {
            lines.addAll(List.of("router bgp " + config.asn(), af, "no network " + a.prefix(), "exit-address-family",
                    "exit", "no route-map " + FrrConfig.routeMapName(a.prefix())));
        }
        lines.addAll(FrrConfig.routeMap(a, config.asn()));
        lines.addAll(List.of("router bgp " + config.asn(), af, "network " + a.prefix() + " route-map "
                + FrrConfig.routeMapName(a.prefix())));
        configure(lines.toArray(String[]::new));
        config.announce(a);
    }

    /** Stops originating {@code prefix} in the running bgpd. */
    public void withdraw(String prefix) {
        String af = "address-family " + (prefix.contains(":") ? "ipv6" : "ipv4") + " unicast";
        configure("router bgp " + config.asn(), af, "no network " + prefix);
        config.withdraw(prefix);
    }

    /** The paths of {@code prefix} in bgpd's table ({@code show bgp ipv4|ipv6 unicast PREFIX json}). */
    public List<BgpPath> paths(String prefix) {
        CommandResult r = vtysh("show bgp " + (prefix.contains(":") ? "ipv6" : "ipv4") + " unicast " + prefix
                + " json");
        return FrrOutput.paths(prefix, r.stdout());
    }

    /**
     * Administrative shutdown of a neighbor with a shutdown communication: FRR sends Cease/Administrative
     * Shutdown carrying {@code message} ({@code neighbor X shutdown message TEXT}).
     */
    public CommandResult shutdown(String neighbor, String message) {
        return configureBgp("neighbor " + neighbor + " shutdown message " + message);
    }

    /** {@code no neighbor X shutdown}. */
    public CommandResult noShutdown(String neighbor) {
        return configureBgp("no neighbor " + neighbor + " shutdown");
    }

    /** {@code clear bgp X} (hard reset of the session). */
    public CommandResult clear(String neighbor) {
        return vtysh("clear bgp " + neighbor).orThrow();
    }

    /** The last lines of bgpd's log. */
    public String logTail(int lines) {
        return bgpd.logTail(lines);
    }

    /** Stops bgpd, then zebra. */
    @Override
    public void close() {
        try {
            bgpd.close();
        } finally {
            zebra.close();
        }
    }

    @Override
    public String toString() {
        return "FRR in " + netns.name() + " (" + bgpd + ", " + zebra + ")";
    }
}
