package dev.petrel.fib.kernel;

/**
 * The kernel's answer to one write that failed: the {@code nlmsgerr} errno and, with {@code NETLINK_EXT_ACK}, its
 * own explanation ({@code NLMSGERR_ATTR_MSG}).
 *
 * @param errno the positive errno (17 for EEXIST, ...)
 * @param name its symbolic name ("EEXIST"), or "errno N"
 * @param message the kernel's extended-ack message, or null when it gave none
 */
public record KernelError(int errno, String name, String message) {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOBUFS = 105;
    public static final int ENETUNREACH = 101;
    public static final int EHOSTUNREACH = 113;

    public static KernelError of(int errno, String message) {
        return new KernelError(errno, nameOf(errno), message);
    }

    public static String nameOf(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOBUFS -> "ENOBUFS";
            case ENETUNREACH -> "ENETUNREACH";
            case EHOSTUNREACH -> "EHOSTUNREACH";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 90 -> "EMSGSIZE";
            case 95 -> "EOPNOTSUPP";
            case 99 -> "EADDRNOTAVAIL";
            default -> "errno " + errno;
        };
    }

    @Override
    public String toString() {
        return name + (message != null && !message.isEmpty() ? " (" + message + ")" : "");
    }
}
