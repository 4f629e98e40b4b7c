package dev.petrel.speaker;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the tests that run speakers on loopback share (here and, through the test-jar, in the daemon and the node
 * agent): a free port, waiting on observable state, and a two-speaker iBGP configuration.
 */
public final class Loopback {
    private Loopback() {}

    /** A port nothing listens on at {@code address} right now (the kernel's choice). */
    public static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    /** A free port on 127.0.0.1. */
    public static int freePort() throws IOException {
        return freePort("127.0.0.1");
    }

    /** Polls {@code cond} every 10 ms until it holds; fails after 20 s naming {@code what}. */
    public static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * One of two iBGP speakers (AS 64512) on loopback in both families, so End-of-RIB must come for ipv4-unicast and
     * ipv6-unicast: listening at {@code listen:port}, its one peer ({@code b} from the {@code .1} side, {@code a}
     * from the other) at {@code peer:peerPort}; no HTTP endpoints.
     */
    public static PetrelConfig ibgpConfig(String routerId, String listen, int port, String peer, int peerPort) {
        String text = "petrel {\n"
                + "  router-id = \"" + routerId + "\"\n  local-as = 64512\n"
                + "  listen = [\"" + listen + ":" + port + "\"]\n"
                + "  admin.http = off\n"
                + "  peers = [ { name = " + (listen.endsWith(".1") ? "b" : "a") + ", address = \"" + peer
                + "\", port = " + peerPort + ", local-address = \"" + listen + "\", remote-as = 64512,"
                + " families = [ipv4-unicast, ipv6-unicast],"
                + " hold-time = 9s, connect-retry = 1s, idle-hold = 1s } ]\n}\n";
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }
}
