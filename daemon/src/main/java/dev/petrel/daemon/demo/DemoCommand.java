package dev.petrel.daemon.demo;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel demo}: Petrel's main job on a fresh machine. As root it builds a two-node cluster in network
 * namespaces ({@link NamespaceDemo}): node agents that install each other's pod blocks into the nodes' kernels
 * through a route reflector, BIRD or FRR as the top-of-rack switch when installed ({@code --tor}), and a ping from a pod on one node to a
 * pod on the other. Without root, or with {@code --loopback}, the same cluster runs in this process on loopback with
 * the kernel FIB in dry-run mode ({@link LoopbackDemo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Build a two-node cluster whose nodes route pod traffic through the kernel routes Petrel installs,"
                + " and ping from a pod on one node to a pod on the other.",
                "As root: network namespaces pdemo-*, real kernel routes, BIRD or FRR as the top-of-rack switch;"
                        + " everything is removed at the end. Otherwise (or with --loopback): the same in one process"
                        + " on 127.0.0.x, the kernel FIB in dry-run mode, no ping."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--loopback", description = "run on loopback in this process even as root (FIB in dry-run mode)")
    boolean loopback;

    @Option(names = "--tor", paramLabel = "auto|bird|frr|none",
            description = "who plays the top-of-rack switch (as root): BIRD, FRR or none; auto (the default): BIRD"
                    + " when installed, else FRR when installed")
    String tor = "auto";

    @Override
    public Integer call() throws Exception {
        return run(System.out);
    }

    int run(PrintStream out) throws Exception {
        if (loopback) {
            return new LoopbackDemo(out).run();
        }
        String why = Privilege.whyNoNamespaces();
        if (why != null) {
            out.println("(" + why + ": running the loopback demo; as root it builds the cluster in network namespaces)");
            return new LoopbackDemo(out).run();
        }
        Tor.Kind kind = switch (tor.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Tor.Kind.detect();
            case "bird" -> Tor.Kind.BIRD;
            case "frr" -> Tor.Kind.FRR;
            case "none" -> Tor.Kind.NONE;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--tor must be auto, bird, frr or none, not " + tor);
        };
        if ((kind == Tor.Kind.BIRD && !BirdTor.installed()) || (kind == Tor.Kind.FRR && !FrrTor.installed())) {
            out.println("demo: --tor " + tor + ": " + kind + " is not installed");
            return 2;
        }
        return new NamespaceDemo(out, kind).run();
    }
}
