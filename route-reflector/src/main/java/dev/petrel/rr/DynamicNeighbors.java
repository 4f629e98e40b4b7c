package dev.petrel.rr;

import dev.petrel.config.ListenRange;
import dev.petrel.config.PeerConfig;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Ipv6;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The dynamic peers of the listen ranges: which address has one, how many each range holds, and what was
 * refused. Generic in what a peer is ({@code T}: the speaker's session and RIB handle), so that the rules here
 * are tested without sockets.
 *
 * <p>Thread-safe: {@link #admit} runs on whichever event loop accepted the connection, {@link #remove} on the
 * peer's own loop, {@link #peers} on any thread; one lock guards the map and the counts, and the peer is created
 * under it so that two connections from one address at once make one peer, and a full range cannot be
 * overfilled by a race.
 *
 * @param <T> the speaker's peer
 */
public final class DynamicNeighbors<T> {
    private ListenRanges ranges;
    private final Map<InetAddress, Entry<T>> byAddress = new LinkedHashMap<>();
    /** By range name: a reload replaces a range's record but keeps its count. */
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, LongAdder> refusedFull = new HashMap<>();
    private final LongAdder refusedOutside = new LongAdder();

    /** A dynamic peer and the range it came from. */
    public record Entry<T>(ListenRange range, PeerConfig config, T peer) {}

    /** What to do with a connection from an address that is not a configured peer. */
    public sealed interface Admission<T> {
        /** Hand the connection to {@code entry.peer()}; {@code fresh} when it was made for this connection. */
        record Accepted<T>(Entry<T> entry, boolean fresh) implements Admission<T> {}

        /** The address is in no range. */
        record Outside<T>() implements Admission<T> {}

        /** The range the address is in holds its {@code max-peers} already. */
        record Full<T>(ListenRange range) implements Admission<T> {}
    }

    public DynamicNeighbors(List<ListenRange> ranges) {
        this.ranges = new ListenRanges(ranges);
        for (ListenRange r : ranges) {
            counts.put(r.name(), 0);
            refusedFull.put(r.name(), new LongAdder());
        }
    }

    /**
     * Replaces the ranges (a reload): each live peer whose range is gone, or for which {@code drop} says so, is
     * forgotten and returned; the others move to their range's new definition and a configuration made from its
     * new prototype. Ranges are matched by name. A range whose max-peers is now below its count keeps its peers
     * and refuses new ones until it is under the limit.
     *
     * @param drop called under the lock with each live peer (as it was) and its range's new definition (never
     *     null); must not block
     * @return the forgotten peers, as they were
     */
    public synchronized List<Entry<T>> reconfigure(List<ListenRange> next,
            java.util.function.BiPredicate<Entry<T>, ListenRange> drop) {
        Map<String, ListenRange> byName = new HashMap<>();
        next.forEach(r -> byName.put(r.name(), r));
        ranges = new ListenRanges(next);
        List<Entry<T>> dropped = new ArrayList<>();
        for (Map.Entry<InetAddress, Entry<T>> m : new ArrayList<>(byAddress.entrySet())) {
            Entry<T> e = m.getValue();
            ListenRange r = byName.get(e.range().name());
            if (r == null || drop.test(e, r)) {
                byAddress.remove(m.getKey());
                dropped.add(e);
            } else {
                byAddress.put(m.getKey(), new Entry<>(r, r.peer().dynamic(e.config().name(), m.getKey()),
                        e.peer()));
            }
        }
        counts.clear();
        for (ListenRange r : next) {
            counts.put(r.name(), 0);
            refusedFull.computeIfAbsent(r.name(), n -> new LongAdder());
        }
        for (Entry<T> e : byAddress.values()) {
            counts.merge(e.range().name(), 1, Integer::sum);
        }
        return dropped;
    }

    /** The name of a range's peer: {@code RANGE/ADDRESS}, never a configured peer's (those have no slash). */
    public static String name(ListenRange range, InetAddress address) {
        byte[] b = address.getAddress();
        String a = address instanceof Inet4Address ? Ipv4.format(Ipv4.read(b, 0))
                : Ipv6.format(Ipv6.readLong(b, 0), Ipv6.readLong(b, 8));
        return range.name() + "/" + a;
    }

    /**
     * Finds the peer for a connection from {@code address} (normalised: IPv4-mapped addresses as IPv4): the
     * dynamic peer it already has (a second connection goes to the same session, whose state machine resolves
     * the collision), else a new one made by {@code create} if the most specific range holding the address has
     * room. Refusals are counted.
     *
     * @param create makes the peer from its configuration; runs under the lock, so it must not block
     */
    public Admission<T> admit(InetAddress address, Function<PeerConfig, T> create) {
        synchronized (this) {
            // Under the lock: a reload may be replacing the ranges.
            ListenRange range = ranges.match(address);
            if (range == null) {
                refusedOutside.increment();
                return new Admission.Outside<>();
            }
            Entry<T> existing = byAddress.get(address);
            if (existing != null) {
                return new Admission.Accepted<>(existing, false);
            }
            int n = counts.get(range.name());
            if (n >= range.maxPeers()) {
                refusedFull.get(range.name()).increment();
                return new Admission.Full<>(range);
            }
            PeerConfig config = range.peer().dynamic(name(range, address), address);
            Entry<T> e = new Entry<>(range, config, create.apply(config));
            byAddress.put(address, e);
            counts.put(range.name(), n + 1);
            return new Admission.Accepted<>(e, true);
        }
    }

    /**
     * Forgets {@code peer} if it is still the dynamic peer of {@code address}; false when it was removed already
     * (a second end of one session) or replaced.
     */
    public synchronized boolean remove(InetAddress address, T peer) {
        Entry<T> e = byAddress.get(address);
        if (e == null || e.peer() != peer) {
            return false;
        }
        byAddress.remove(address);
        counts.computeIfPresent(e.range().name(), (k, v) -> v - 1);
        return true;
    }

    /** The dynamic peers now, oldest first. */
    public synchronized List<Entry<T>> peers() {
        return new ArrayList<>(byAddress.values());
    }

    /** The dynamic peer of {@code address}, or null. */
    public synchronized Entry<T> get(InetAddress address) {
        return byAddress.get(address);
    }

    /** How many peers {@code range} holds now. */
    public synchronized int count(String range) {
        Integer n = counts.get(range);
        if (n != null) {
            return n;
        }
        throw new IllegalArgumentException("no listen range named " + range);
    }

    /** Connections refused because their range was full, by range name. */
    public synchronized long refusedFull(String range) {
        LongAdder a = refusedFull.get(range);
        if (a == null) {
            throw new IllegalArgumentException("no listen range named " + range);
        }
        return a.sum();
    }

    /** Connections refused because their address is in no range (and is no configured peer's). */
    public long refusedOutside() {
        return refusedOutside.sum();
    }

    public synchronized boolean isEmpty() {
        return ranges.isEmpty();
    }
}
