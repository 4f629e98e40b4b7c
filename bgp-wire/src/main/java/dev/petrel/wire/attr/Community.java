package dev.petrel.wire.attr;

/** A COMMUNITIES value (RFC 1997), with the well-known names of RFC 1997, 3765, 7999 and 8326. */
public record Community(int value) {
    public static final Community GRACEFUL_SHUTDOWN = new Community(0xFFFF0000);
    public static final Community BLACKHOLE = new Community(0xFFFF029A);
    public static final Community NO_EXPORT = new Community(0xFFFFFF01);
    public static final Community NO_ADVERTISE = new Community(0xFFFFFF02);
    public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFFFF03);
    public static final Community NOPEER = new Community(0xFFFFFF04);

    public static Community of(int high, int low) {
        return new Community((high << 16) | (low & 0xffff));
    }

    public static Community parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a community is HIGH:LOW, got " + text);
        }
        int hi = Integer.parseInt(text.substring(0, colon));
        int lo = Integer.parseInt(text.substring(colon + 1));
        if (hi < 0 || hi > 0xffff || lo < 0 || lo > 0xffff) {
            throw new IllegalArgumentException("community halves must be 0..65535: " + text);
        }
        return of(hi, lo);
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0xFFFF0000 -> "graceful-shutdown";
            case 0xFFFF029A -> "blackhole";
            case 0xFFFFFF01 -> "no-export";
            case 0xFFFFFF02 -> "no-advertise";
            case 0xFFFFFF03 -> "no-export-subconfed";
            case 0xFFFFFF04 -> "nopeer";
            default -> (value >>> 16) + ":" + (value & 0xffff);
        };
    }
}
