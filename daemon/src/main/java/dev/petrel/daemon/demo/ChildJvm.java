package dev.petrel.daemon.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this JVM's own {@code java} and class path (the daemon's, which holds the
 * node-agent example), the flags the JDK needs for Netty and jnr-ffi, and flags that make a short-lived JVM start
 * fast (C1 only, class data sharing): JVM start-up is most of the demo's time.
 */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC"));
        int feature = Runtime.version().feature();
        // As bin/lib/java.sh: each flag exists only from its JDK on, and an unknown flag stops the JVM.
        if (feature >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
