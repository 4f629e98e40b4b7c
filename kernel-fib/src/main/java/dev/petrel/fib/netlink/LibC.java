package dev.petrel.fib.netlink;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The few libc calls netlink needs, bound once through jnr-ffi. */
public interface LibC {
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;

    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    int SO_RCVTIMEO = 20;
    int SO_RCVBUFFORCE = 33;
    int SOL_NETLINK = 270;
    int NETLINK_ADD_MEMBERSHIP = 1;
    int NETLINK_CAP_ACK = 10;
    int NETLINK_EXT_ACK = 11;

    int MSG_DONTWAIT = 0x40;
    int MSG_TRUNC = 0x20;
    int MSG_WAITFORONE = 0x10000;

    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int EINTR = 4;
    int EAGAIN = 11;
    int ENOBUFS = 105;

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] addr, int addrLen);

    int getsockname(int fd, @Out byte[] addr, @In @Out int[] addrLen);

    int setsockopt(int fd, int level, int name, @In byte[] value, int len);

    int getsockopt(int fd, int level, int name, @Out byte[] value, @In @Out int[] len);

    @ssize_t long send(int fd, Pointer buf, @size_t long len, int flags);

    @ssize_t long recv(int fd, Pointer buf, @size_t long len, int flags);

    /** Receives up to {@code vlen} datagrams into a {@code struct mmsghdr} vector; {@code timeout} may be null. */
    int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    int open(String path, int flags);

    int close(int fd);

    int setns(int fd, int nstype);

    String strerror(int errno);

    /** The bound library and its runtime (for errno). */
    final class Holder {
        private Holder() {}

        public static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        public static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    static int errno() {
        return jnr.ffi.LastError.getLastError(Holder.RUNTIME);
    }
}
