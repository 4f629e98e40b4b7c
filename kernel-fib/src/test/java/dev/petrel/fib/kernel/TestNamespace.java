package dev.petrel.fib.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of our own ({@code petrel-nl-<random>}) for one test class, deleted on close and, should
 * the JVM die first, by a shutdown hook. Only ever touches the namespace it created.
 */
final class TestNamespace implements AutoCloseable {
    final String name;
    private final Thread hook;
    private boolean deleted;

    private TestNamespace(String name) {
        this.name = name;
        this.hook = new Thread(this::delete, "delete-" + name);
    }

    /** Skips the test (or fails it under CI=true) when namespaces cannot be made here. */
    static void assumeUsable() {
        boolean root = "0".equals(run(List.of("id", "-u")).trim());
        boolean ip = !run(List.of("sh", "-c", "command -v ip || true")).isBlank();
        if ("true".equals(System.getenv("CI")) && (!root || !ip)) {
            throw new AssertionError("CI=true but the namespace test cannot run: root=" + root + " ip=" + ip);
        }
        Assumptions.assumeTrue(root, "needs root to create network namespaces");
        Assumptions.assumeTrue(ip, "needs iproute2's ip");
    }

    static TestNamespace create() {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        String name = "petrel-nl-" + java.util.HexFormat.of().formatHex(r);
        TestNamespace ns = new TestNamespace(name);
        ipOrFail("netns", "add", name);
        Runtime.getRuntime().addShutdownHook(ns.hook);
        return ns;
    }

    /** {@code ip -n NAME args...}; fails the test on a non-zero exit. */
    String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return runOrFail(cmd);
    }

    private static void ipOrFail(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        runOrFail(cmd);
    }

    private synchronized void delete() {
        if (!deleted) {
            deleted = true;
            run(List.of("ip", "netns", "del", name));
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and deleting twice is harmless
        }
    }

    private static String runOrFail(List<String> cmd) {
        Result r = exec(cmd);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    private static String run(List<String> cmd) {
        return exec(cmd).output;
    }

    private record Result(int exit, String output) {}

    private static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
