package dev.petrel.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of octets with content equality: the body of an unknown attribute or capability, the data of
 * a NOTIFICATION. Records compare arrays by reference, so every array a record holds is wrapped in this.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] octets;

    private Bytes(byte[] octets) {
        this.octets = octets;
    }

    /** A copy of {@code octets}. */
    public static Bytes of(byte[] octets) {
        return octets.length == 0 ? EMPTY : new Bytes(octets.clone());
    }

    /** A copy of {@code length} octets of {@code buf} from {@code offset}. */
    public static Bytes of(byte[] buf, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(buf, offset, offset + length));
    }

    public static Bytes ofHex(String hex) {
        return of(HEX.parseHex(hex.replace(" ", "")));
    }

    /** A 2-octet big-endian value: the data of NOTIFICATION 1/2 (Bad Message Length). */
    public static Bytes wrapLength(int length) {
        return new Bytes(new byte[] {(byte) (length >>> 8), (byte) length});
    }

    /** Takes ownership of an array the caller will not change again. */
    static Bytes wrap(byte[] octets) {
        return octets.length == 0 ? EMPTY : new Bytes(octets);
    }

    public int length() {
        return octets.length;
    }

    public int get(int index) {
        return octets[index] & 0xff;
    }

    public byte[] toByteArray() {
        return octets.clone();
    }

    /** The backing array, for codecs in this module that only read it. */
    byte[] array() {
        return octets;
    }

    public String hex() {
        return HEX.formatHex(octets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(octets, b.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(octets, o.octets);
    }

    @Override
    public String toString() {
        return hex();
    }
}
