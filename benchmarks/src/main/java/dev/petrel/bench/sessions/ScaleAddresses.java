package dev.petrel.bench.sessions;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where test speaker {@code i} lives: its own loopback address, so that Petrel, which identifies peers by
 * address, sees N distinct peers. Linux routes all of 127/8 to {@code lo}, so binding these needs no setup, on
 * the host or in a fresh network namespace (where {@code scale.sh} runs the benchmark).
 *
 * <p>Peer {@code i} (0-based) is {@code 127.1.(i / 250).(i % 250 + 1)}: 127.1.0.1 .. 127.1.3.250 for 1000 peers,
 * never .0 or .255, at most 64,000 peers. Its BGP Identifier is {@code 10.255.(i / 250).(i % 250 + 1)}.
 */
public final class ScaleAddresses {
    public static final int MAX_PEERS = 256 * 250;

    private ScaleAddresses() {}

    public static InetAddress peer(int i) {
        return inet(127, 1, i);
    }

    public static int routerId(int i) {
        check(i);
        return (10 << 24) | (255 << 16) | ((i / 250) << 8) | (i % 250 + 1);
    }

    public static String name(int i) {
        return String.format("p%05d", i);
    }

    /** The index of a peer named by {@link #name}. */
    public static int index(String name) {
        return Integer.parseInt(name, 1, name.length(), 10);
    }

    private static InetAddress inet(int a, int b, int i) {
        check(i);
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) (i / 250), (byte) (i % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(int i) {
        if (i < 0 || i >= MAX_PEERS) {
            throw new IllegalArgumentException("peer index must be 0.." + (MAX_PEERS - 1) + ", got " + i);
        }
    }
}
