package dev.petrel.fib.kernel;

import dev.petrel.fib.netlink.DumpRequests;
import dev.petrel.fib.netlink.LinkMessages;
import dev.petrel.fib.netlink.AddressMessages;
import dev.petrel.fib.netlink.MalformedNetlinkException;
import dev.petrel.fib.netlink.NetNs;
import dev.petrel.fib.netlink.NetlinkSocket;
import dev.petrel.fib.netlink.NexthopMessages;
import dev.petrel.fib.netlink.NlMsgErr;
import dev.petrel.fib.netlink.NlMsgHdr;
import dev.petrel.fib.netlink.Notifications;
import dev.petrel.fib.netlink.RouteMessages;
import dev.petrel.fib.netlink.RtMsg;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * <p><b>Writes: one acknowledgement per datagram.</b> A write packs as many requests as fit into a datagram
 * ({@link #SEND_BYTES}), each under its own sequence number, and only the last one asks for an acknowledgement
 * ({@code NLM_F_ACK}). That is safe because of how the kernel handles a datagram ({@code netlink_rcv_skb}): inside
 * our {@code send}, it processes the requests one after the other, in order, never stopping at a failure, and
 * answers every request that fails with an {@code NLMSG_ERROR} carrying its errno (and, with
 * {@code NETLINK_EXT_ACK}, its explanation) whether or not that request asked for an acknowledgement. So the
 * answer to the last sequence number of a datagram comes after every error of that datagram, and once it is read,
 * each earlier request without an error answer has succeeded. Errors are matched to their op by sequence number.
 * Not asking for the acknowledgements nobody needs saves the kernel an skb per route, which is most of what a
 * batch of acknowledged writes costs: on a shared 2-core test machine the median install rate of a
 * 100,000-route batch went from about 150k to 225k routes/s, removes from about 175k to 325k (see the
 * namespace test).
 *
 * <p><b>When answers are lost.</b> An answer the kernel cannot queue (receive buffer full, or no memory for the
 * skb) is dropped, and the kernel then sets {@code ENOBUFS} on the socket, which the next {@code recv} reports
 * before anything still queued. A dropped error would otherwise look like a success, so: (1) the receive buffer
 * is kept from filling: {@code NETLINK_CAP_ACK} is set when the socket is opened (opening fails without it), so
 * an error answer does not echo the request and costs at most {@link #ACK_COST_BYTES} of the buffer, and the
 * requests in flight (sent, their datagram's last answer not yet read) are bounded so that even if every one of
 * them failed, their errors would fit; within that bound a few datagrams are pipelined before their answers are
 * read. (2) When {@code ENOBUFS} is reported anyway, the answers already read are trustworthy (the drop, which
 * happens inside one of our sends, would have been reported by any later {@code recv}), but for every datagram
 * still in flight the outcome of each request without an answer is unknown. Nothing more is owed for them (the
 * kernel answers inside {@code send}), so what is queued is read without waiting, and those requests are
 * reported as failed with {@code ENOBUFS} ("acknowledgements lost"): never guessed to have succeeded. The caller
 * retries them, which is harmless whatever the kernel did: an install replaces, and removing a route that is
 * gone counts as success. The rest of that write then sends one datagram at a time. (3) A datagram whose last
 * answer never comes (it too was lost without an {@code ENOBUFS}, which the kernel does not do) ends the write
 * with a {@link KernelException} after {@link #ANSWER_TIMEOUT_MILLIS}, so the FIB re-reads the kernel. Each write
 * starts by reading away whatever an abandoned one left queued, which also clears the socket's congestion state.
 *
 * <p>Others: FRR's zebra batches dataplane requests into one buffer, matches the answers to its contexts by
 * sequence number and, when a read fails, marks the whole batch failed rather than guessing; BIRD, as far as we
 * know, writes one route at a time and waits for its answer.
 */
public final class RtNetlinkKernel implements Kernel {
    private static final Logger log = LoggerFactory.getLogger(RtNetlinkKernel.class);

    /** Bytes per request datagram: 64 KiB is where the kernel's per-datagram work stops paying off. */
    static final int SEND_BYTES = 64 * 1024;
    /**
     * The request socket's receive buffer (the kernel accounts twice this): room for the answers to several
     * thousand requests in flight, all of them errors in the worst case.
     */
    static final int REQUEST_RECEIVE_BYTES = 4 * 1024 * 1024;
    /**
     * What one queued answer costs in the receive buffer: its skb's truesize, several hundred bytes for a 36-byte
     * acknowledgement or a capped error with a short extended-ack text. Deliberately pessimistic: the requests in
     * flight are bounded by the buffer divided by this.
     */
    static final int ACK_COST_BYTES = 1024;
    /** How long to wait for an answer the kernel owes before calling the socket broken. */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;
    private static final int DUMP_ATTEMPTS = 10;

    private final NetlinkSocket request;
    private final NetlinkSocket monitor;
    private final int maxInFlight;
    /** Our request socket's port id: route notifications carrying it are the echo of our own writes. */
    private final int requestPort;
    private volatile long echoesSkipped;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    private RtNetlinkKernel(NetlinkSocket request, NetlinkSocket monitor) throws KernelException {
        this.request = request;
        this.monitor = monitor;
        request.setReceiveTimeout(ANSWER_TIMEOUT_MILLIS);
        maxInFlight = Math.max(16, request.receiveBufferSize() / ACK_COST_BYTES);
        requestPort = request.portId();
    }

    /** Route notifications skipped as the echo of our own writes (for tests and metrics). */
    public long echoesSkipped() {
        return echoesSkipped;
    }

    /**
     * Opens both sockets, inside network namespace {@code netnsNameOrNull} (null: the JVM's own).
     * {@code receiveBufferBytes} sizes the monitor socket's buffer: the burst of notifications it can hold
     * between two polls before an {@link KernelEvent.Overrun}.
     */
    public static RtNetlinkKernel open(String netnsNameOrNull, int receiveBufferBytes) throws KernelException {
        return open(netnsNameOrNull, receiveBufferBytes, REQUEST_RECEIVE_BYTES);
    }

    /** {@link #open(String, int)} with the request socket's receive buffer too (tests make it overrun). */
    static RtNetlinkKernel open(String netnsNameOrNull, int receiveBufferBytes, int requestReceiveBytes)
            throws KernelException {
        NetlinkSocket[] sockets = NetNs.in(netnsNameOrNull, () -> {
            NetlinkSocket req = NetlinkSocket.open(requestReceiveBytes, SEND_BYTES);
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

    /** What {@link Write#state} knows of an op: not sent (failed locally), sent, or answered by the kernel. */
    private static final byte UNSENT = 0;
    private static final byte SENT = 1;
    private static final byte ANSWERED = 2;

    /** The result for a request whose answer was lost to a receive-buffer overrun. */
    static final KernelError ANSWER_LOST = KernelError.of(KernelError.ENOBUFS,
            "acknowledgements lost (request socket overran): outcome unknown, retry or re-read the kernel");

    @Override
    public List<KernelError> write(List<KernelOp> ops) throws KernelException {
        drainStaleAnswers();
        Write w = new Write(ops, nextSeqs(ops.size()));
        w.run();
        return Arrays.asList(w.errors);
    }

    /**
     * Reads, without waiting, whatever is queued on the request socket before a write: normally nothing, but a
     * write or dump that ended in an exception can leave answers (or a pending ENOBUFS) behind.
     */
    private void drainStaleAnswers() throws KernelException {
        while (request.receiveBatch(false) != NetlinkSocket.TIMEOUT) {
            // stale: sequence numbers of an abandoned request, or an overrun nobody is waiting for any more
        }
    }

    /** One {@link #write}: op {@code i} goes out under sequence number {@code base + i}. */
    private final class Write {
        final List<KernelOp> ops;
        final KernelError[] errors;
        final byte[] state;
        final int base;
        /** Datagrams sent whose last answer has not been read, oldest first: {first op, last op, requests}. */
        final ArrayDeque<int[]> flight = new ArrayDeque<>();
        /** Requests in the datagrams of {@link #flight}. */
        int inFlight;
        /** False after an overrun: one datagram at a time for the rest of the write. */
        boolean pipeline = true;

        Write(List<KernelOp> ops, int base) {
            this.ops = ops;
            this.errors = new KernelError[ops.size()];
            this.state = new byte[ops.size()];
            this.base = base;
        }

        void run() throws KernelException {
            int next = 0;
            while (next < ops.size() || !flight.isEmpty()) {
                boolean room = flight.isEmpty() || pipeline && maxInFlight - inFlight >= maxInFlight / 4;
                if (next < ops.size() && room) {
                    next = sendDatagram(next, maxInFlight - inFlight);
                } else {
                    readAnswers();
                }
            }
        }

        /**
         * Encodes ops from {@code from} into one datagram of at most {@code room} requests, only the last asking
         * for an acknowledgement, and sends it. Returns the first op not taken.
         */
        int sendDatagram(int from, int room) throws KernelException {
            ByteBuffer out = request.sendBuffer();
            out.clear();
            int i = from;
            int first = -1;
            int last = -1;
            int count = 0;
            int lastAt = -1;
            for (; i < ops.size() && count < room; i++) {
                KernelOp op = ops.get(i);
                int at = out.position();
                try {
                    switch (op) {
                        case KernelOp.Install in -> RouteMessages.encodeNewRoute(out, base + i, in.route());
                        case KernelOp.Remove rm -> RouteMessages.encodeDelRoute(out, base + i, rm.route());
                        case KernelOp.InstallNexthop in -> NexthopMessages.encodeNew(out, base + i, in.object());
                        case KernelOp.RemoveNexthop rm -> NexthopMessages.encodeDel(out, base + i, rm.id());
                    }
                } catch (BufferOverflowException e) {
                    if (count == 0) { // alone in an empty buffer and still too big: this route cannot be sent
                        errors[i] = KernelError.of(90, "route too large for one netlink message");
                        continue;
                    }
                    break;
                } catch (IllegalArgumentException e) {
                    errors[i] = KernelError.of(KernelError.EINVAL, e.getMessage()); // did not go out
                    continue;
                }
                NlMsgHdr.setFlags(out, at, NlMsgHdr.flags(out, at) & ~NlMsgHdr.NLM_F_ACK);
                state[i] = SENT;
                if (first < 0) {
                    first = i;
                }
                last = i;
                lastAt = at;
                count++;
            }
            if (count > 0) {
                NlMsgHdr.setFlags(out, lastAt, NlMsgHdr.flags(out, lastAt) | NlMsgHdr.NLM_F_ACK);
                request.send();
                flight.add(new int[] {first, last, count});
                inFlight += count;
            }
            return i;
        }

        /** Reads the answers queued (waiting for the first), then retires the datagrams they complete. */
        void readAnswers() throws KernelException {
            int datagrams = request.receiveBatch(true);
            if (datagrams == NetlinkSocket.OVERRUN) {
                overrun();
                return;
            }
            if (datagrams < 0) {
                throw noAnswer(datagrams, "answers to " + inFlight + " route writes");
            }
            take(datagrams);
            while (!flight.isEmpty() && state[flight.peek()[1]] == ANSWERED) {
                inFlight -= flight.poll()[2];
            }
        }

        /** Records the errors (and the acknowledgements) among {@code datagrams} received answers. */
        void take(int datagrams) throws KernelException {
            ByteBuffer in = request.batchBuffer();
            for (int d = 0; d < datagrams; d++) {
                int from = d * NetlinkSocket.SLOT_BYTES;
                int limit = from + request.batchLength(d);
                for (int m = from; m < limit; ) {
                    int len = checkedLength(in, m, limit);
                    if (NlMsgHdr.type(in, m) == NlMsgHdr.NLMSG_ERROR) {
                        int i = NlMsgHdr.seq(in, m) - base;
                        if (i >= 0 && i < state.length && state[i] == SENT) { // else stale: not this write's
                            state[i] = ANSWERED;
                            KernelError e = decodeError(in, m, len);
                            KernelOp op = ops.get(i);
                            boolean removal = op instanceof KernelOp.Remove || op instanceof KernelOp.RemoveNexthop;
                            if (e != null && !(removal && gone(e))) {
                                errors[i] = e;
                            }
                        }
                    }
                    m = NlMsgHdr.next(m, len);
                }
            }
        }

        /**
         * The socket reported ENOBUFS: answers were dropped. Everything the kernel will send for the datagrams
         * in flight is already queued (it answers inside {@code send}), so read it without waiting; then each
         * request of theirs still without an answer has an unknown outcome and is reported as such.
         */
        void overrun() throws KernelException {
            int datagrams;
            while ((datagrams = request.receiveBatch(false)) != NetlinkSocket.TIMEOUT) {
                if (datagrams > 0) {
                    take(datagrams);
                }
            }
            int lost = 0;
            for (int[] dg : flight) {
                for (int i = dg[0]; i <= dg[1]; i++) {
                    if (state[i] == SENT) {
                        state[i] = ANSWERED;
                        errors[i] = ANSWER_LOST;
                        lost++;
                    }
                }
            }
            log.warn("request socket overran: {} route writes of {} in flight have no answer and are reported as"
                    + " failed (ENOBUFS); sending one datagram at a time for the rest of this batch", lost, inFlight);
            flight.clear();
            inFlight = 0;
            pipeline = false;
        }
    }

    /** Reserves {@code n} sequence numbers and returns the first. */
    private int nextSeqs(int n) {
        int s = seq;
        seq = (seq + n) & 0x3fffffff; // stays positive, and s + n cannot overflow: seq - base is a plain index
        return s;
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
    public List<KernelNexthopObject> nexthops() throws KernelException {
        return dump("nexthop", NexthopMessages.RTM_NEWNEXTHOP, NexthopMessages::encodeDump, NexthopMessages::decode);
    }

    /** Probed once, on first use: a nexthop dump that succeeds (a kernel before 5.3 answers EINVAL/EOPNOTSUPP). */
    private Boolean nexthopObjects;

    @Override
    public boolean supportsNexthopObjects() {
        if (nexthopObjects == null) {
            try {
                nexthops();
                nexthopObjects = true;
            } catch (KernelException e) {
                log.info("no kernel nexthop objects ({}): ECMP routes spell their next hops out", e.getMessage());
                nexthopObjects = false;
            }
        }
        return nexthopObjects;
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
     *
     * <p>Route notifications caused by our own request socket carry its port id in {@code nlmsg_pid} (IPv4's
     * {@code rtmsg_fib} and IPv6's {@code inet6_rt_notify} both pass the requester's port): they only repeat what
     * the write's acknowledgement said, so they are skipped before decoding. Installing a full table would
     * otherwise decode a million notifications of our own. Changes by anyone else (another process, the kernel
     * itself with port 0) are delivered.
     */
    private int deliver(ByteBuffer in, int n, Consumer<KernelEvent> sink) {
        int delivered = 0;
        for (int m = 0; m < n; ) {
            KernelEvent e;
            int len;
            try {
                len = NlMsgHdr.checkedLength(in, m, n);
                int type = NlMsgHdr.type(in, m);
                if ((type == RtMsg.RTM_NEWROUTE || type == RtMsg.RTM_DELROUTE) && NlMsgHdr.pid(in, m) == requestPort) {
                    echoesSkipped++;
                    m = NlMsgHdr.next(m, len);
                    continue;
                }
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
