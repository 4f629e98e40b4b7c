package dev.petrel.wire.nlri;

/** Dotted-quad text for IPv4 addresses held as ints, without InetAddress or DNS. */
public final class Ipv4 {
    private Ipv4() {}

    public static String format(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    public static int parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int a = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + text, e);
            }
            if (v < 0 || v > 255 || p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            a = (a << 8) | v;
        }
        return a;
    }

    public static int read(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
