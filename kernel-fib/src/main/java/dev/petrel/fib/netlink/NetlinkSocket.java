package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.ffi.Pointer;

/**
 * One {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket through libc, with its own send and receive buffers
 * (direct, host byte order, handed to the kernel without copying).
 *
 * <p>Not thread-safe: one thread owns a socket and its buffers. Closed exactly once, however often
 * {@link #close} is called.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** {@link #receive} result: the receive timeout passed (or, non-blocking, nothing was queued). */
    public static final int TIMEOUT = -1;
    /** {@link #receive} result: the receive buffer overflowed ({@code ENOBUFS}) and messages were lost. */
    public static final int OVERRUN = -2;

    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_ROUTE = 11;

    private static final int BUFFER_BYTES = 1 << 18;
    /**
     * {@link #receiveBatch}: datagrams per {@code recvmmsg} and bytes per datagram. Acks are small (capped, so
     * the request is not echoed), and reading a few dozen per system call instead of one is what keeps reading
     * 20,000 acks cheap next to the kernel's work of making them.
     */
    public static final int BATCH_SLOTS = 64;
    public static final int SLOT_BYTES = 4096;
    private static final int MMSGHDR = 64; // struct mmsghdr on LP64: msghdr (56) + msg_len u32 + padding
    private static final int IOVEC = 16;

    private final LibC libc = LibC.Holder.LIBC;
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ByteBuffer sendBuffer;
    private final Pointer sendPointer;
    private final ByteBuffer receiveBuffer;
    private final Pointer receivePointer;
    private long timeoutMillis = -1;
    private ByteBuffer batchBuffer;
    private ByteBuffer mmsg;
    private Pointer mmsgPointer;

    private NetlinkSocket(int fd, int sendBytes) {
        this.fd = fd;
        sendBuffer = ByteBuffer.allocateDirect(sendBytes).order(ByteOrder.nativeOrder());
        sendPointer = Pointer.wrap(LibC.Holder.RUNTIME, sendBuffer);
        receiveBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.nativeOrder());
        receivePointer = Pointer.wrap(LibC.Holder.RUNTIME, receiveBuffer);
    }

    /**
     * Opens a socket in the calling thread's network namespace, bound to a kernel-chosen port, with extended acks
     * and capped acks on (an error answer then carries the kernel's explanation but not our request back), a
     * receive buffer of {@code receiveBufferBytes} (0 keeps the default) and membership of {@code groups}.
     */
    public static NetlinkSocket open(int receiveBufferBytes, int sendBufferBytes, int... groups)
            throws KernelException {
        LibC c = LibC.Holder.LIBC;
        int fd = c.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        if (fd < 0) {
            throw failure("socket(AF_NETLINK)", LibC.errno());
        }
        NetlinkSocket s = new NetlinkSocket(fd, sendBufferBytes);
        try {
            byte[] addr = new byte[12]; // sockaddr_nl: family u16, pad u16, pid u32 (0: kernel picks), groups u32
            ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).putShort((short) LibC.AF_NETLINK);
            if (c.bind(fd, addr, addr.length) < 0) {
                throw failure("bind", LibC.errno());
            }
            s.setInt(LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            s.setInt(LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            if (receiveBufferBytes > 0) {
                s.setReceiveBuffer(receiveBufferBytes);
            }
            for (int g : groups) {
                s.setInt(LibC.SOL_NETLINK, LibC.NETLINK_ADD_MEMBERSHIP, g, "NETLINK_ADD_MEMBERSHIP " + g);
            }
            return s;
        } catch (KernelException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Sets the receive buffer: SO_RCVBUFFORCE passes {@code net.core.rmem_max} but needs CAP_NET_ADMIN; without
     * it SO_RCVBUF gets what the limit allows. The kernel doubles the value for its bookkeeping.
     */
    public void setReceiveBuffer(int bytes) throws KernelException {
        if (!trySetInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes)) {
            setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /** The receive buffer as the kernel accounts it (twice what was asked for). */
    public int receiveBufferSize() throws KernelException {
        byte[] v = new byte[4];
        int[] len = {4};
        if (libc.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, v, len) < 0) {
            throw failure("getsockopt(SO_RCVBUF)", LibC.errno());
        }
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    /** The port id the kernel bound us to ({@code nl_pid}); the answers to our requests carry it. */
    public int portId() throws KernelException {
        byte[] addr = new byte[12];
        int[] len = {12};
        if (libc.getsockname(fd, addr, len) < 0) {
            throw failure("getsockname", LibC.errno());
        }
        return ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /** How long a blocking {@link #receive} waits; 0 waits forever (as SO_RCVTIMEO does). Set only on change. */
    public void setReceiveTimeout(long millis) throws KernelException {
        if (millis == timeoutMillis) {
            return;
        }
        byte[] tv = new byte[16]; // struct timeval on LP64: tv_sec, tv_usec as longs
        ByteBuffer.wrap(tv).order(ByteOrder.nativeOrder()).putLong(millis / 1000).putLong((millis % 1000) * 1000);
        if (libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, tv.length) < 0) {
            throw failure("setsockopt(SO_RCVTIMEO)", LibC.errno());
        }
        timeoutMillis = millis;
    }

    /** The buffer to encode requests into; {@link #send} sends from 0 to its position. */
    public ByteBuffer sendBuffer() {
        return sendBuffer;
    }

    /** Sends the encoded requests as one datagram and clears the send buffer. */
    public void send() throws KernelException {
        checkOpen();
        int len = sendBuffer.position();
        while (true) {
            long n = libc.send(fd, sendPointer, len, 0);
            if (n >= 0) {
                break;
            }
            int errno = LibC.errno();
            if (errno != LibC.EINTR) {
                throw failure("send", errno);
            }
        }
        sendBuffer.clear();
    }

    /** The buffer {@link #receive} fills, from offset 0. */
    public ByteBuffer receiveBuffer() {
        return receiveBuffer;
    }

    /**
     * Receives one datagram into {@link #receiveBuffer}: its length, {@link #TIMEOUT} or {@link #OVERRUN}.
     * {@code wait} false returns at once when nothing is queued. EINTR is retried.
     */
    public int receive(boolean wait) throws KernelException {
        checkOpen();
        int flags = LibC.MSG_TRUNC | (wait ? 0 : LibC.MSG_DONTWAIT);
        while (true) {
            long n = libc.recv(fd, receivePointer, BUFFER_BYTES, flags);
            if (n >= 0) {
                if (n > BUFFER_BYTES) {
                    throw new KernelException("netlink datagram of " + n + " bytes truncated to " + BUFFER_BYTES);
                }
                receiveBuffer.clear().limit((int) n);
                return (int) n;
            }
            int outcome = receiveError("recv");
            if (outcome != RETRY) {
                return outcome;
            }
        }
    }

    /** Marks an interrupted receive in {@link #receiveError}: try again. */
    private static final int RETRY = Integer.MIN_VALUE;

    /**
     * What a failed receive means, from errno: {@link #RETRY} after a signal, {@link #TIMEOUT} when nothing came
     * in time, {@link #OVERRUN} when the kernel dropped datagrams for want of room; anything else is a failure.
     */
    private int receiveError(String call) throws KernelException {
        int errno = LibC.errno();
        return switch (errno) {
            case LibC.EINTR -> RETRY;
            case LibC.EAGAIN -> TIMEOUT;
            case LibC.ENOBUFS -> OVERRUN;
            default -> throw failure(call, errno);
        };
    }

    /**
     * Receives up to {@link #BATCH_SLOTS} queued datagrams in one system call, waiting (up to the receive timeout)
     * for the first one when {@code wait}: how many, {@link #TIMEOUT} or {@link #OVERRUN}. Datagram {@code i} is
     * in {@link #batchBuffer} at {@code i * SLOT_BYTES}, {@link #batchLength}{@code (i)} bytes long. For small
     * answers (acks) only: a datagram longer than a slot is an error.
     */
    public int receiveBatch(boolean wait) throws KernelException {
        checkOpen();
        if (mmsg == null) {
            setUpBatch();
        }
        int flags = wait ? LibC.MSG_WAITFORONE : LibC.MSG_DONTWAIT;
        while (true) {
            int n = libc.recvmmsg(fd, mmsgPointer, BATCH_SLOTS, flags, null);
            if (n >= 0) {
                for (int i = 0; i < n; i++) {
                    if ((mmsg.getInt(i * MMSGHDR + 48) & LibC.MSG_TRUNC) != 0) {
                        throw new KernelException("netlink datagram longer than " + SLOT_BYTES + " bytes among acks");
                    }
                }
                return n;
            }
            int outcome = receiveError("recvmmsg");
            if (outcome != RETRY) {
                return outcome;
            }
        }
    }

    /** The buffer {@link #receiveBatch} fills, one {@link #SLOT_BYTES} slot per datagram. */
    public ByteBuffer batchBuffer() {
        return batchBuffer;
    }

    /** The length of datagram {@code i} of the last {@link #receiveBatch}. */
    public int batchLength(int i) {
        return mmsg.getInt(i * MMSGHDR + 56);
    }

    /** Lays out the mmsghdr vector once: each entry's one iovec points at its slot of the batch buffer. */
    private void setUpBatch() {
        batchBuffer = ByteBuffer.allocateDirect(BATCH_SLOTS * SLOT_BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer iov = ByteBuffer.allocateDirect(BATCH_SLOTS * IOVEC).order(ByteOrder.nativeOrder());
        mmsg = ByteBuffer.allocateDirect(BATCH_SLOTS * MMSGHDR).order(ByteOrder.nativeOrder());
        long data = Pointer.wrap(LibC.Holder.RUNTIME, batchBuffer).address();
        long iovAddress = Pointer.wrap(LibC.Holder.RUNTIME, iov).address();
        for (int i = 0; i < BATCH_SLOTS; i++) {
            iov.putLong(i * IOVEC, data + (long) i * SLOT_BYTES).putLong(i * IOVEC + 8, SLOT_BYTES);
            mmsg.putLong(i * MMSGHDR + 16, iovAddress + (long) i * IOVEC).putLong(i * MMSGHDR + 24, 1);
        }
        mmsgPointer = Pointer.wrap(LibC.Holder.RUNTIME, mmsg);
        iovKeepAlive = iov;
    }

    /** The iovecs are only referenced by address from {@link #mmsg}; this keeps them from being collected. */
    @SuppressWarnings("unused")
    private ByteBuffer iovKeepAlive;

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            libc.close(fd);
        }
    }

    private void checkOpen() throws KernelException {
        if (closed.get()) {
            throw new KernelException("netlink socket is closed");
        }
    }

    private void setInt(int level, int name, int value, String what) throws KernelException {
        if (!trySetInt(level, name, value)) {
            throw failure("setsockopt(" + what + ")", LibC.errno());
        }
    }

    private boolean trySetInt(int level, int name, int value) {
        byte[] v = new byte[4];
        ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).putInt(value);
        return libc.setsockopt(fd, level, name, v, 4) == 0;
    }

    static KernelException failure(String call, int errno) {
        return new KernelException(call + " failed: " + dev.petrel.fib.kernel.KernelError.nameOf(errno) + " ("
                + LibC.Holder.LIBC.strerror(errno) + ")");
    }
}
