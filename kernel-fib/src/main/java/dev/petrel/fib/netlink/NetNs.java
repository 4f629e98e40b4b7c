package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a named network namespace ({@code ip netns add NAME}, bound at {@code /var/run/netns/NAME}).
 *
 * <p>{@code setns(2)} moves only the calling thread, and only until that thread ends; a socket keeps the
 * namespace it was created in for its whole life. So the code runs on a short-lived thread of its own that
 * enters the namespace, opens its sockets and ends; the sockets are then used from any thread, and no JVM
 * thread is left in a foreign namespace.
 */
public final class NetNs {
    private NetNs() {}

    /** Something to run inside the namespace, typically opening sockets. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws KernelException;
    }

    /** Runs {@code body} inside {@code name}, or on the calling thread when {@code name} is null. */
    public static <T> T in(String name, Body<T> body) throws KernelException {
        if (name == null) {
            return body.run();
        }
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a network namespace name: " + name);
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                enter(name);
                result.set(body.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "netns-" + name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while opening sockets in netns " + name, e);
        }
        Throwable e = failure.get();
        if (e instanceof KernelException k) {
            throw k;
        } else if (e instanceof RuntimeException r) {
            throw r;
        } else if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    private static void enter(String name) throws KernelException {
        LibC c = LibC.Holder.LIBC;
        String path = "/var/run/netns/" + name;
        int fd = c.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw NetlinkSocket.failure("open(" + path + ")", LibC.errno());
        }
        try {
            if (c.setns(fd, LibC.CLONE_NEWNET) < 0) {
                throw NetlinkSocket.failure("setns(" + path + ")", LibC.errno());
            }
        } finally {
            c.close(fd);
        }
    }
}
