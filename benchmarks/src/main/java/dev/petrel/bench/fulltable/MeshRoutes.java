package dev.petrel.bench.fulltable;

import dev.petrel.bench.FullTableStream;
import dev.petrel.bench.sessions.SpeakerMessages;
import java.net.InetAddress;

/**
 * The routes of the reflector benchmark's mesh ({@link Router.Shape#MESH}), the shape of a Calico cluster behind a
 * route reflector: session {@code s} of {@code n} is a node announcing {@code block} pod blocks of its own, /26s
 * from 100.64.0.0/10 (block {@code k} at 100.64.0.0 + 64 * (s * block + k); the full-table stream never uses that
 * range), with itself as NEXT_HOP, as iBGP (ORIGIN IGP, empty AS_PATH, LOCAL_PREF 100), in one UPDATE; and it
 * expects every other node's blocks back, never its own (BIRD does not send a route to the peer it came from, nor,
 * since issue 6, does Petrel).
 * The bytes are written by hand after RFC 4271 §4.3, as {@link FullTableStream}'s are.
 */
final class MeshRoutes {
    static final int BASE = (100 << 24) | (64 << 16);
    static final int LENGTH = 26;
    /** Blocks in 100.64.0.0/10. */
    static final int MAX_BLOCKS = 1 << (LENGTH - 10);
    /** Blocks per node that still fit one 4096-octet UPDATE. */
    static final int MAX_BLOCK = 800;

    private MeshRoutes() {}

    static void check(int sessions, int block) {
        if (block < 1 || block > MAX_BLOCK || (long) sessions * block > MAX_BLOCKS) {
            throw new IllegalArgumentException("mesh: 1.." + MAX_BLOCK + " blocks per node and at most " + MAX_BLOCKS
                    + " in all, got " + sessions + " x " + block);
        }
    }

    static int address(int session, int k, int block) {
        return BASE + ((session * block + k) << (32 - LENGTH));
    }

    /** Session {@code session}'s UPDATE announcing its blocks with {@code nextHop}, then an IPv4 End-of-RIB. */
    static byte[] announce(int session, int block, InetAddress nextHop) {
        byte[] nh = nextHop.getAddress();
        byte[] attributes = {
            0x40, 1, 1, 0, // ORIGIN IGP
            0x40, 2, 0, // AS_PATH, empty: originated in our own AS
            0x40, 3, 4, nh[0], nh[1], nh[2], nh[3], // NEXT_HOP
            0x40, 5, 4, 0, 0, 0, 100, // LOCAL_PREF 100
        };
        byte[] eor = SpeakerMessages.END_OF_RIB_IPV4;
        int length = 19 + 2 + 2 + attributes.length + 5 * block;
        byte[] m = new byte[length + eor.length];
        int p = header(m, length);
        p += 2; // no withdrawn routes
        m[p++] = (byte) (attributes.length >>> 8);
        m[p++] = (byte) attributes.length;
        System.arraycopy(attributes, 0, m, p, attributes.length);
        p += attributes.length;
        p = prefixes(m, p, session, block);
        System.arraycopy(eor, 0, m, p, eor.length);
        return m;
    }

    /** Session {@code session}'s UPDATE withdrawing its blocks. */
    static byte[] withdraw(int session, int block) {
        int length = 19 + 2 + 5 * block + 2;
        byte[] m = new byte[length];
        int p = header(m, length);
        m[p++] = (byte) ((5 * block) >>> 8);
        m[p++] = (byte) (5 * block);
        prefixes(m, p, session, block); // then a zero Total Path Attribute Length
        return m;
    }

    /** Every block of the mesh but those of {@code session}: what it should hold. */
    static FullTableStream.Prefixes others(int session, int sessions, int block) {
        int n = (sessions - 1) * block;
        int[] addresses = new int[n];
        byte[] lengths = new byte[n];
        int i = 0;
        for (int s = 0; s < sessions; s++) {
            for (int k = 0; s != session && k < block; k++) {
                addresses[i] = address(s, k, block);
                lengths[i++] = LENGTH;
            }
        }
        return new FullTableStream.Prefixes(addresses, lengths);
    }

    /** How many of {@code session}'s own blocks {@code counter} holds: the reflector sent them back. */
    static int own(UpdateCounter counter, int session, int block) {
        int n = 0;
        for (int k = 0; k < block; k++) {
            if (counter.contains(address(session, k, block), LENGTH)) {
                n++;
            }
        }
        return n;
    }

    private static int header(byte[] m, int length) {
        for (int i = 0; i < 16; i++) {
            m[i] = (byte) 0xFF;
        }
        m[16] = (byte) (length >>> 8);
        m[17] = (byte) length;
        m[18] = SpeakerMessages.TYPE_UPDATE;
        return 19;
    }

    private static int prefixes(byte[] m, int p, int session, int block) {
        for (int k = 0; k < block; k++) {
            int a = address(session, k, block);
            m[p++] = LENGTH;
            m[p++] = (byte) (a >>> 24);
            m[p++] = (byte) (a >>> 16);
            m[p++] = (byte) (a >>> 8);
            m[p++] = (byte) a;
        }
        return p;
    }
}
