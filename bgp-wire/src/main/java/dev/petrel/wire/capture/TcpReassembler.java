package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds each direction of each TCP connection from its segments and hands the bytes, in order, to a
 * {@link BgpStreamSplitter}.
 *
 * <p>Sequence numbers are compared modulo 2^32, so wrap-around is harmless; each direction also keeps a 64-bit
 * stream position to key its out-of-order buffer. The rules:
 * <ul>
 *   <li>A SYN sets the initial sequence number. A direction first seen without a SYN (a capture started
 *       mid-connection) starts at its first data segment, and its splitter scans for a marker first.
 *   <li>A segment at or before the next expected octet is trimmed (retransmission, overlap) and delivered.
 *   <li>A segment after it is buffered, at most {@link #MAX_BUFFERED_PER_DIRECTION} octets and
 *       {@link #MAX_SEGMENTS_PER_DIRECTION} segments per direction and {@link #MAX_BUFFERED_TOTAL} in all.
 *   <li>A gap (octets that were never captured) is declared when the peer acknowledges beyond the next expected
 *       octet while segments wait, when a buffer bound is reached, when the capture cut a segment short, and at
 *       the end of the capture. The splitter then drops its partial message and resynchronises at the next marker.
 *   <li>A SYN with a new initial sequence number on a known direction starts a new connection; a FIN ends the
 *       stream once every octet before it has been delivered.
 * </ul>
 */
final class TcpReassembler {
    static final int MAX_BUFFERED_PER_DIRECTION = 1 << 20;
    static final int MAX_SEGMENTS_PER_DIRECTION = 4096;
    static final long MAX_BUFFERED_TOTAL = 32L << 20;
    static final int MAX_DIRECTIONS = 4096;

    private record Key(String src, int srcPort, String dst, int dstPort) {
        Key reverse() {
            return new Key(dst, dstPort, src, srcPort);
        }
    }

    private final Emitter out;
    private final Map<Key, Direction> directions = new LinkedHashMap<>();
    private long bufferedTotal;

    TcpReassembler(Emitter out) {
        this.out = out;
    }

    /** One segment of a BGP connection, captured at {@code timestampMicros} in the frame named {@code source}. */
    void segment(IpPacket.Tcp s, long timestampMicros, String source) {
        Key key = new Key(s.srcAddr(), s.srcPort(), s.dstAddr(), s.dstPort());
        Direction d = directions.get(key);
        if (d == null) {
            if (directions.size() >= MAX_DIRECTIONS) {
                evictOldest();
            }
            d = new Direction(key);
            directions.put(key, d);
        }
        d.lastTimestamp = timestampMicros;
        d.lastSource = source;
        d.onSegment(s);
        if (s.has(IpPacket.ACK)) {
            Direction reverse = directions.get(key.reverse());
            if (reverse != null) {
                reverse.onAck(s.ack());
            }
        }
    }

    /** The capture ended: every buffered segment is delivered (across gaps) and every stream is finished. */
    void finish() {
        for (Direction d : new ArrayList<>(directions.values())) {
            d.close();
        }
        directions.clear();
    }

    private void evictOldest() {
        Iterator<Direction> it = directions.values().iterator();
        Direction d = it.next();
        it.remove();
        d.close();
    }

    private final class Direction implements BgpStreamSplitter.Listener {
        final Endpoint from;
        final Endpoint to;
        final BgpStreamSplitter splitter = new BgpStreamSplitter(this, Framing.MAX_EXTENDED_LENGTH);
        boolean started;
        boolean synSeen;
        int isn;
        int nextSeq;
        /** Stream position of {@link #nextSeq}. */
        long pos;
        final TreeMap<Long, byte[]> pending = new TreeMap<>();
        int pendingBytes;
        boolean ackSeen;
        int acked;
        boolean finSeen;
        int finSeq;
        /** The SYN carried data, ending (by RFC 793 numbering) before {@link #synDataEnd}. */
        boolean synData;
        int synDataEnd;
        long lastTimestamp;
        String lastSource = "";

        Direction(Key key) {
            from = new Endpoint(key.src(), key.srcPort());
            to = new Endpoint(key.dst(), key.dstPort());
        }

        void onSegment(IpPacket.Tcp s) {
            int seq = s.seq();
            if (s.has(IpPacket.SYN)) {
                if (!(synSeen && seq == isn)) {
                    if (started) {
                        close(); // a new connection on the same addresses and ports
                    }
                    synSeen = true;
                    isn = seq;
                    started = true;
                    nextSeq = seq + 1;
                    pos = 0;
                    finSeen = false;
                    ackSeen = false;
                    synData = false;
                }
                seq++; // data on a SYN starts after it
            }
            if (s.has(IpPacket.RST)) {
                return; // a reset carries no stream data
            }
            int len = s.len();
            int missing = s.missing();
            if (len > 0 || missing > 0) {
                if (!started) {
                    started = true;
                    nextSeq = seq;
                    pos = 0;
                    splitter.startMidStream();
                }
                boolean syn = s.has(IpPacket.SYN);
                if (synData && !syn) {
                    // Some traffic generators put data on a SYN without counting the SYN itself: the next segment
                    // then starts one octet early. Accept that numbering rather than lose an octet to "overlap".
                    if (seq == nextSeq - 1 && nextSeq == synDataEnd) {
                        nextSeq--;
                    }
                    synData = false;
                }
                accept(seq, s.buf(), s.off(), len, missing);
                if (syn && len > 0) {
                    synData = true;
                    synDataEnd = nextSeq;
                }
            }
            if (s.has(IpPacket.FIN) && started) {
                finSeen = true;
                finSeq = seq + len + missing;
                checkFin();
            }
        }

        void onAck(int ack) {
            if (!ackSeen || ack - acked > 0) {
                ackSeen = true;
                acked = ack;
            }
            gapIfAcknowledged();
        }

        private void accept(int seq, byte[] buf, int off, int len, int missing) {
            int rel = seq - nextSeq;
            if (rel <= 0) {
                long skip = -(long) rel;
                if (skip < len) {
                    deliver(buf, off + (int) skip, len - (int) skip);
                }
                // After delivery nextSeq has moved; the uncaptured tail lies between nextSeq and the segment end.
                int tailEnd = seq + len + missing;
                int gap = tailEnd - nextSeq;
                if (missing > 0 && gap > 0 && gap <= missing) {
                    skipGap(gap);
                }
                drainPending();
            } else {
                if (len > 0) {
                    insertPending(pos + rel, Arrays.copyOfRange(buf, off, off + len));
                }
                // A missing tail of an out-of-order segment becomes a hole found later.
                enforceBounds();
                gapIfAcknowledged();
            }
            checkFin();
        }

        private void deliver(byte[] buf, int off, int len) {
            splitter.feed(buf, off, len);
            nextSeq += len;
            pos += len;
        }

        private void skipGap(long missing) {
            splitter.gap(missing);
            nextSeq += (int) missing;
            pos += missing;
        }

        private void insertPending(long at, byte[] data) {
            byte[] old = pending.get(at);
            if (old != null) {
                if (old.length >= data.length) {
                    return;
                }
                pendingBytes -= old.length;
                bufferedTotal -= old.length;
            }
            pending.put(at, data);
            pendingBytes += data.length;
            bufferedTotal += data.length;
        }

        private void drainPending() {
            while (!pending.isEmpty()) {
                Map.Entry<Long, byte[]> first = pending.firstEntry();
                long at = first.getKey();
                if (at > pos) {
                    return;
                }
                byte[] data = first.getValue();
                pending.pollFirstEntry();
                pendingBytes -= data.length;
                bufferedTotal -= data.length;
                long over = pos - at;
                if (over < data.length) {
                    deliver(data, (int) over, data.length - (int) over);
                }
            }
        }

        /** Jumps over the hole before the first buffered segment. */
        private void gapToPending() {
            long first = pending.firstKey();
            skipGap(first - pos);
            drainPending();
        }

        private void enforceBounds() {
            while (!pending.isEmpty() && (pendingBytes > MAX_BUFFERED_PER_DIRECTION
                    || pending.size() > MAX_SEGMENTS_PER_DIRECTION || bufferedTotal > MAX_BUFFERED_TOTAL)) {
                gapToPending();
            }
        }

        private void gapIfAcknowledged() {
            while (ackSeen && started && !pending.isEmpty() && acked - nextSeq > 0) {
                gapToPending();
            }
        }

        private void checkFin() {
            if (finSeen && nextSeq == finSeq) {
                finSeen = false;
                splitter.finish();
            }
        }

        /** Delivers what is buffered, across gaps, and ends the stream. */
        void close() {
            while (!pending.isEmpty()) {
                gapToPending();
            }
            splitter.finish();
            started = false;
            synSeen = false;
            finSeen = false;
        }

        @Override
        public void message(byte[] message, long offset) {
            out.emit(new BgpMessageRecord(message, from, to, lastTimestamp, null, false, -1, -1, lastSource));
        }

        @Override
        public void problem(CaptureProblem.Kind kind, String description, byte[] buf, int off, int len) {
            out.problem(kind, from + " -> " + to + ": " + description, lastSource, buf, off, len);
        }
    }
}
