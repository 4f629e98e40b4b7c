package dev.petrel.fib.netlink;

/**
 * A netlink message that cannot be what the kernel meant: a length that runs past its container, an attribute
 * too short for its type, a header cut off. Thrown by the decoders instead of an index error, naming what was
 * wrong and where, so one bad message can be logged and skipped (or turned into a resync) instead of taking
 * down the thread that read it.
 */
public final class MalformedNetlinkException extends RuntimeException {
    public MalformedNetlinkException(String message) {
        super(message);
    }
}
