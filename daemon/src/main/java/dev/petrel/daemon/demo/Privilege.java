package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process can build the namespace cluster: root, {@code ip} installed, and namespaces allowed. */
final class Privilege {
    private Privilege() {}

    /** Null when the namespace demo can run, else why not (for the loopback demo's first line and test skips). */
    static String whyNoNamespaces() {
        if (effectiveUid() != 0) {
            return "not root";
        }
        if (!Exec.onPath("ip")) {
            return "`ip` (iproute2) is not installed";
        }
        // A container without CAP_SYS_ADMIN has a root user but no namespaces: try one.
        String probe = Namespaces.PREFIX + "probe-" + ProcessHandle.current().pid();
        CommandResult r = Exec.run("ip", "netns", "add", probe);
        if (!r.ok()) {
            return "`ip netns add` fails: " + r.output().strip();
        }
        Exec.run("ip", "netns", "del", probe);
        return null;
    }

    /** The effective UID, from /proc/self/status ({@code Uid: real effective saved fs}); -1 when unknown. */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: treated as not root.
        }
        return -1;
    }
}
