package dev.petrel.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the tests that run speakers on loopback share: a free port, and waiting on observable state. */
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
}
