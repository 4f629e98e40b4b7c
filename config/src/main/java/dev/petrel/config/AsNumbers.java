package dev.petrel.config;

/** The rules for an AS number in the configuration (ours or a peer's). */
final class AsNumbers {
    /** RFC 6793 §9: the 2-octet stand-in for a 4-octet AS; never a real AS. */
    static final long AS_TRANS = 23456;
    static final long MAX = 4294967295L;

    private AsNumbers() {}

    /** The AS at {@code key}, or null (reported). RFC 7607 reserves AS 0; RFC 6793 makes AS numbers 4 octets. */
    static Long read(Section s, String key) {
        if (!s.require(key, "an AS number, 1.." + MAX)) {
            return null;
        }
        Long as = s.number(key, 1, MAX, "an AS number is 1.." + MAX + " (AS 0 is reserved, RFC 7607)");
        if (as != null && as == AS_TRANS) {
            s.error(key, "23456 is AS_TRANS (RFC 6793), which stands in for a 4-octet AS and is never a real AS");
            return null;
        }
        return as;
    }
}
