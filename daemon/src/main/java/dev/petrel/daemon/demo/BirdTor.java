package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** BIRD 2 as the demo's top-of-rack switch, driven with birdc on a socket in the demo's directory. */
final class BirdTor implements Tor {
    private final Path dir;

    BirdTor(Path dir) {
        this.dir = dir;
    }

    static boolean installed() {
        return Exec.onPath("bird") && Exec.onPath("birdc");
    }

    @Override
    public String name() {
        return "BIRD";
    }

    private Path socket() {
        return dir.resolve("bird.ctl");
    }

    @Override
    public void start(Children children, String namespace) throws IOException {
        Path conf = dir.resolve("bird.conf");
        Files.writeString(conf, DemoFiles.bird());
        children.start("BIRD", namespace, List.of("bird", "-f", "-c", conf.toString(), "-s", socket().toString(),
                "-P", dir.resolve("bird.pid").toString()), dir.resolve("bird.log"));
    }

    @Override
    public void awaitBlocks(Children children) {
        Poll.until("BIRD's session with the reflector to be Established (birdc show protocols)",
                NamespaceDemo.STEP_TIMEOUT, children::requireAlive, () -> {
                    String p = birdc("show", "protocols");
                    return p.lines().anyMatch(l -> l.startsWith("reflector ") && l.contains("Established")) ? null : p;
                });
        Poll.until("BIRD to learn both pod blocks (birdc show route)", NamespaceDemo.STEP_TIMEOUT,
                children::requireAlive, () -> {
                    String r = birdc("show", "route");
                    return r.contains(Cluster.N1.block()) && r.contains(Cluster.N2.block()) ? null : r;
                });
    }

    @Override
    public String[] view() {
        String version = birdc("show", "status").lines().filter(l -> l.startsWith("BIRD ")).findFirst()
                .map(l -> l.substring(5).replace(" ready.", "")).orElse("2");
        return new String[] {"the ToR's view: birdc show route (BIRD " + version + ", AS " + Cluster.TOR_AS + ")",
                birdc("show", "route").lines().filter(l -> !l.startsWith("BIRD ")).reduce("", (a, b) -> a + b + "\n")};
    }

    private String birdc(String... args) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket().toString()));
        cmd.addAll(List.of(args));
        return Exec.run(cmd, Exec.DEFAULT_TIMEOUT).output();
    }
}
