package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * FRR (zebra and bgpd, as SONiC switches run it) as the demo's top-of-rack switch, isolated from any system FRR:
 * every path is in a runtime directory of the demo's own ({@code --vty_socket}, {@code -z}, {@code -i}, {@code -f}),
 * both daemons in the foreground logging to stdout, driven with {@code vtysh --vty_socket}. The daemons drop
 * privileges to the {@code frr} user, so that directory is frr's own (0750), inside the demo's (0711).
 */
final class FrrTor implements Tor {
    static final Path DAEMONS = Path.of("/usr/lib/frr");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Path dir;

    FrrTor(Path demoDir) {
        this.dir = demoDir.resolve("frr");
    }

    /** The daemons, vtysh, and the {@code frr} user they run as (Debian's package makes it). */
    static boolean installed() {
        return Files.isExecutable(DAEMONS.resolve("zebra")) && Files.isExecutable(DAEMONS.resolve("bgpd"))
                && Exec.onPath("vtysh") && Exec.run("id", "-u", "frr").ok();
    }

    @Override
    public String name() {
        return "FRR";
    }

    @Override
    public void start(Children children, String namespace) throws IOException {
        // The daemons run as frr: the directory is theirs (0750), written by root before it is handed over, and
        // the demo's directory lets them through without listing it (0711). Nobody else can plant a file there.
        Files.createDirectories(dir);
        Path zebraConf = dir.resolve("zebra.conf");
        Path bgpdConf = dir.resolve("bgpd.conf");
        Path zserv = dir.resolve("zserv.api");
        Files.writeString(zebraConf, "hostname pdemo-tor\n");
        Files.writeString(bgpdConf, DemoFiles.frr());
        java.nio.file.attribute.UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.PosixFileAttributeView view =
                Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("frr"));
        view.setGroup(users.lookupPrincipalByGroupName("frr"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        // -u/-g frr as the Debian service does: FRR refuses root outside the frrvty group
        List<String> common = new ArrayList<>(List.of("--vty_socket", dir.toString(), "-z", zserv.toString(),
                "-P", "0", "--log", "stdout", "-u", "frr", "-g", "frr"));
        List<String> zebra = new ArrayList<>(List.of(DAEMONS.resolve("zebra").toString(), "-f", zebraConf.toString(),
                "-i", dir.resolve("zebra.pid").toString()));
        zebra.addAll(common);
        children.start("FRR zebra", namespace, zebra, dir.getParent().resolve("zebra.log"));
        Poll.until("zebra to listen on " + zserv, NamespaceDemo.STEP_TIMEOUT, children::requireAlive,
                () -> Files.exists(zserv) ? null : "no " + zserv + " yet");
        List<String> bgpd = new ArrayList<>(List.of(DAEMONS.resolve("bgpd").toString(), "-f", bgpdConf.toString(),
                "-i", dir.resolve("bgpd.pid").toString()));
        bgpd.addAll(common);
        children.start("FRR bgpd", namespace, bgpd, dir.getParent().resolve("bgpd.log"));
    }

    @Override
    public void awaitBlocks(Children children) {
        Poll.until("FRR's session with the reflector to be Established (vtysh: show bgp summary)",
                NamespaceDemo.STEP_TIMEOUT, children::requireAlive, () -> {
                    String s = vtysh("show bgp ipv4 unicast summary json");
                    try {
                        String state = JSON.readTree(s).path("peers").path(Cluster.REFLECTOR).path("state").asText();
                        return state.equals("Established") ? null : "state " + state + ": " + s;
                    } catch (IOException e) {
                        return s;
                    }
                });
        Poll.until("FRR to learn both pod blocks (vtysh: show bgp ipv4 unicast)", NamespaceDemo.STEP_TIMEOUT,
                children::requireAlive, () -> {
                    String r = vtysh("show bgp ipv4 unicast");
                    return r.contains(Cluster.N1.block()) && r.contains(Cluster.N2.block()) ? null : r;
                });
    }

    @Override
    public String[] view() {
        String version = vtysh("show version").lines().filter(l -> l.startsWith("FRRouting ")).findFirst()
                .map(l -> l.substring("FRRouting ".length()).split(" ")[0]).orElse("");
        return new String[] {"the ToR's view: vtysh -c 'show bgp ipv4 unicast' (FRR " + version + ", AS "
                + Cluster.TOR_AS + ")", vtysh("show bgp ipv4 unicast")};
    }

    private String vtysh(String command) {
        return Exec.run(List.of("vtysh", "--vty_socket", dir.toString(), "-c", command), Exec.DEFAULT_TIMEOUT)
                .output();
    }
}
