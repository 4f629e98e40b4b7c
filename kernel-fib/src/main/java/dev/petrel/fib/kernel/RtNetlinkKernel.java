package dev.petrel.fib.kernel;

import dev.petrel.fib.netlink.DumpRequests;
import dev.petrel.fib.netlink.LinkMessages;
import dev.petrel.fib.netlink.AddressMessages;
import dev.petrel.fib.netlink.MalformedNetlinkException;
import dev.petrel.fib.netlink.NetNs;
import dev.petrel.fib.netlink.NetlinkSocket;
import dev.petrel.fib.netlink.NlMsgErr;
import dev.petrel.fib.netlink.NlMsgHdr;
import dev.petrel.fib.netlink.Notifications;
import dev.petrel.fib.netlink.RouteMessages;
import dev.petrel.fib.netlink.RtMsg;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Kernel} over two rtnetlink sockets: a request socket for writes and dumps (the FIB thread's) and a
 * monitor socket in the route, link and address groups (the monitor thread's).
 *
 * <p>Writes are batched: many requests per datagram, each acknowledged under its own sequence number. The kernel
 * handles a datagram inside {@code send}, queueing every ack before {@code send} returns; acks it cannot queue
 * are dropped. So a batch is cut both at the send buffer's size and at how many acks the receive buffer holds,
 * and each batch's acks are read before the next is sent.
 */
public final class RtNetlinkKernel implements Kernel {
    private static final Logger log = LoggerFactory.getLogger(RtNetlinkKernel.class);

    /** Bytes per request datagram: 64 KiB is where the kernel's per-datagram work stops paying off. */
    static final int SEND_BYTES = 64 * 1024;
    /** The request socket's receive buffer: room for a few thousand queued acks. */
    static final int REQUEST_RECEIVE_BYTES = 4 * 1024 * 1024;
    /**
     * What one queued ack costs in the receive buffer: its skb's truesize, several hundred bytes for a 36-byte
     * message (and more with an extended-ack text). Deliberately pessimistic.
     */
    static final int ACK_COST_BYTES = 1024;
    /** How long to wait for an answer the kernel owes before calling the socket broken. */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;
    private static final int DUMP_ATTEMPTS = 10;

    private final NetlinkSocket request;
    private final NetlinkSocket monitor;
    private final int maxInFlight;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    private RtNetlinkKernel(NetlinkSocket request, NetlinkSocket monitor) throws KernelException {
        this.request = request;
        this.monitor = monitor;
        request.setReceiveTimeout(ANSWER_TIMEOUT_MILLIS);
        maxInFlight = Math.max(16, request.receiveBufferSize() / ACK_COST_BYTES);
    }

    /**
     * Opens both sockets, inside network namespace {@code netnsNameOrNull} (null: the JVM's own).
     * {@code receiveBufferBytes} sizes the monitor socket's buffer: the burst of notifications it can hold
     * between two polls before an {@link KernelEvent.Overrun}.
     */
    public static RtNetlinkKernel open(String netnsNameOrNull, int receiveBufferBytes) throws KernelException {
        NetlinkSocket[] sockets = NetNs.in(netnsNameOrNull, () -> {
            NetlinkSocket req = NetlinkSocket.open(REQUEST_RECEIVE_BYTES, SEND_BYTES);
            try {
                NetlinkSocket mon = NetlinkSocket.open(receiveBufferBytes, 4096, NetlinkSocket.RTNLGRP_LINK,
                        NetlinkSocket.RTNLGRP_IPV4_IFADDR, NetlinkSocket.RTNLGRP_IPV4_ROUTE,
                        NetlinkSocket.RTNLGRP_IPV6_IFADDR, NetlinkSocket.RTNLGRP_IPV6_ROUTE);
                return new NetlinkSocket[] {req, mon};
            } catch (KernelException | RuntimeException e) {
                req.close();
                throw e;
            }
        });
        try {
            return new RtNetlinkKernel(sockets[0], sockets[1]);
        } catch (KernelException | RuntimeException e) {
            sockets[0].close();
            sockets[1].close();
            throw e;
        }
    }

    // ---- writes ----

    @Override
    public List<KernelError> write(List<KernelOp> ops) throws KernelException {
        KernelError[] errors = new KernelError[ops.size()];
        ByteBuffer out = request.sendBuffer();
        out.clear();
        int next = 0;
        while (next < ops.size()) {
            int first = next;
            int base = nextSeqs(0);
            while (next < ops.size() && next - first < maxInFlight) {
                KernelOp op = ops.get(next);
                try {
                    if (op instanceof KernelOp.Install i) {
                        RouteMessages.encodeNewRoute(out, base + (next - first), i.route());
                    } else {
                        RouteMessages.encodeDelRoute(out, base + (next - first), op.route());
                    }
                } catch (BufferOverflowException e) {
                    if (next == first) { // alone in an empty buffer and still too big: this route cannot be sent
                        errors[next] = KernelError.of(90, "route too large for one netlink message");
                        next++;
                        first = next;
                        base = nextSeqs(0);
                        continue;
                    }
                    break;
                } catch (IllegalArgumentException e) {
                    errors[next] = KernelError.of(KernelError.EINVAL, e.getMessage());
                    // the op did not go out: renumber nothing, just leave a gap in the sequence
                }
                next++;
            }
            if (out.position() == 0) {
                continue;
            }
            nextSeqs(next - first);
            request.send();
            awaitAcks(ops, errors, first, next, base);
        }
        return Arrays.asList(errors);
    }

    /** Reserves {@code n} sequence numbers and returns the first; with n 0 just peeks. */
    private int nextSeqs(int n) {
        int s = seq;
        seq = (seq + n) & 0x3fffffff; // stays positive, so seq - base is a plain index
        return s;
    }

    /** Reads acks until each op in [first, next) that went out has one (ops already failed locally did not). */
    private void awaitAcks(List<KernelOp> ops, KernelError[] errors, int first, int next, int base)
            throws KernelException {
        boolean[] answered = new boolean[next - first];
        int pending = 0;
        for (int i = first; i < next; i++) {
            if (errors[i] == null) {
                pending++;
            } else {
                answered[i - first] = true;
            }
        }
        while (pending > 0) {
            int datagrams = request.receiveBatch(true);
            if (datagrams < 0) {
                throw noAnswer(datagrams, "acks for " + pending + " route writes");
            }
            ByteBuffer in = request.batchBuffer();
            for (int d = 0; d < datagrams; d++) {
                int from = d * NetlinkSocket.SLOT_BYTES;
                int limit = from + request.batchLength(d);
                for (int m = from; m < limit; ) {
                    int len = checkedLength(in, m, limit);
                    if (NlMsgHdr.type(in, m) == NlMsgHdr.NLMSG_ERROR) {
                        int i = NlMsgHdr.seq(in, m) - base;
                        if (i >= 0 && i < answered.length && !answered[i]) {
                            answered[i] = true;
                            pending--;
                            KernelError e = decodeError(in, m, len);
                            if (e != null && !(ops.get(first + i) instanceof KernelOp.Remove && gone(e))) {
                                errors[first + i] = e;
                            }
                        }
                    }
                    m = NlMsgHdr.next(m, len);
                }
            }
        }
    }

    private static int checkedLength(ByteBuffer in, int m, int limit) throws KernelException {
        try {
            return NlMsgHdr.checkedLength(in, m, limit);
        } catch (MalformedNetlinkException e) {
            throw new KernelException("malformed answer from the kernel: " + e.getMessage(), e);
        }
    }

    private static boolean gone(KernelError e) {
        return e.errno() == KernelError.ESRCH || e.errno() == KernelError.ENOENT;
    }

    private static KernelError decodeError(ByteBuffer in, int m, int len) throws KernelException {
        try {
            return NlMsgErr.decode(in, m, len);
        } catch (MalformedNetlinkException e) {
            throw new KernelException("malformed answer from the kernel: " + e.getMessage(), e);
        }
    }

    private int receiveAnswer(String waitingFor) throws KernelException {
        int n = request.receive(true);
        if (n < 0) {
            throw noAnswer(n, waitingFor);
        }
        return n;
    }

    private static KernelException noAnswer(int result, String waitingFor) {
        return result == NetlinkSocket.TIMEOUT
                ? new KernelException("no answer from the kernel within " + ANSWER_TIMEOUT_MILLIS
                        + " ms (waiting for " + waitingFor + ")")
                : new KernelException("request socket overran while waiting for " + waitingFor
                        + ": answers were lost");
    }

    // ---- dumps ----

    /** Turns one dumped message into a value, or null to skip it. */
    @FunctionalInterface
    private interface Decoder<T> {
        T decode(ByteBuffer b, int offset, int len);
    }

    @Override
    public List<KernelRoute> routes() throws KernelException {
        return dump("route", RtMsg.RTM_NEWROUTE, DumpRequests::routes, RouteMessages::decode);
    }

    @Override
    public List<KernelLink> links() throws KernelException {
        return dump("link", RtMsg.RTM_NEWLINK, DumpRequests::links, LinkMessages::decode);
    }

    @Override
    public List<KernelAddress> addresses() throws KernelException {
        return dump("address", RtMsg.RTM_NEWADDR, DumpRequests::addresses, AddressMessages::decode);
    }

    private interface Request {
        void encode(ByteBuffer b, int seq);
    }

    /** Dumps, retrying while the kernel reports the dump was interrupted by a change (NLM_F_DUMP_INTR). */
    private <T> List<T> dump(String what, int type, Request req, Decoder<T> decoder) throws KernelException {
        for (int attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
            List<T> out = new ArrayList<>();
            if (dumpOnce(what, type, req, decoder, out)) {
                return out;
            }
            log.debug("{} dump interrupted by a concurrent change, attempt {}", what, attempt);
        }
        throw new KernelException(what + " dump was interrupted " + DUMP_ATTEMPTS + " times in a row");
    }

    /** One dump into {@code out}; false when it was interrupted and must be redone. */
    private <T> boolean dumpOnce(String what, int type, Request req, Decoder<T> decoder, List<T> out)
            throws KernelException {
        ByteBuffer b = request.sendBuffer();
        b.clear();
        int s = nextSeqs(1);
        req.encode(b, s);
        request.send();
        boolean intact = true;
        while (true) {
            int n = receiveAnswer(what + " dump");
            ByteBuffer in = request.receiveBuffer();
            try {
                for (int m = 0; m < n; ) {
                    int len = NlMsgHdr.checkedLength(in, m, n);
                    if (NlMsgHdr.seq(in, m) == s) { // anything else is a stale answer to an abandoned request
                        if ((NlMsgHdr.flags(in, m) & NlMsgHdr.NLM_F_DUMP_INTR) != 0) {
                            intact = false;
                        }
                        int t = NlMsgHdr.type(in, m);
                        if (t == NlMsgHdr.NLMSG_DONE) {
                            return intact;
                        } else if (t == NlMsgHdr.NLMSG_ERROR) {
                            KernelError e = NlMsgErr.decode(in, m, len);
                            throw new KernelException(what + " dump failed: " + e);
                        } else if (t == type) {
                            T v = decoder.decode(in, m, len);
                            if (v != null) {
                                out.add(v);
                            }
                        }
                    }
                    m = NlMsgHdr.next(m, len);
                }
            } catch (MalformedNetlinkException e) {
                throw new KernelException("malformed " + what + " dump from the kernel: " + e.getMessage(), e);
            }
        }
    }

    // ---- monitor ----

    @Override
    public int poll(long timeoutMillis, Consumer<KernelEvent> sink) throws KernelException {
        int delivered = 0;
        boolean wait = timeoutMillis > 0;
        if (wait) {
            monitor.setReceiveTimeout(timeoutMillis);
        }
        while (true) {
            int n = monitor.receive(wait);
            if (n == NetlinkSocket.TIMEOUT) {
                return delivered;
            }
            wait = false; // after the first datagram, take only what is already queued
            if (n == NetlinkSocket.OVERRUN) {
                sink.accept(new KernelEvent.Overrun());
                delivered++;
                continue;
            }
            delivered += deliver(monitor.receiveBuffer(), n, sink);
        }
    }

    /**
     * Hands each message of a datagram to {@code sink}. A malformed message ends the datagram (its successors'
     * offsets cannot be trusted) and becomes an Overrun: what it said is lost, and a re-read is how to recover.
     */
    private static int deliver(ByteBuffer in, int n, Consumer<KernelEvent> sink) {
        int delivered = 0;
        for (int m = 0; m < n; ) {
            KernelEvent e;
            int len;
            try {
                len = NlMsgHdr.checkedLength(in, m, n);
                e = Notifications.decode(in, m, len);
            } catch (MalformedNetlinkException ex) {
                log.warn("malformed notification from the kernel, reporting an overrun: {}", ex.getMessage());
                sink.accept(new KernelEvent.Overrun());
                return delivered + 1;
            }
            if (e != null) {
                sink.accept(e);
                delivered++;
            }
            m = NlMsgHdr.next(m, len);
        }
        return delivered;
    }

    @Override
    public void close() {
        request.close();
        monitor.close();
    }
}
