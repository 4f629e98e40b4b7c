package dev.petrel.fib.kernel;

/** The netlink socket itself failed (not one route): the caller reopens it and re-reads the kernel. */
public final class KernelException extends Exception {
    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
