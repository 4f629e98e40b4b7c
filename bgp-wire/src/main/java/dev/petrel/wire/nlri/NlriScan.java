package dev.petrel.wire.nlri;

/**
 * The first pass of prefix NLRI decoding, shared by the unicast families: checks the whole field and counts its
 * prefixes, so that the second pass fills exactly-sized arrays and a malformed field allocates nothing.
 */
final class NlriScan {
    private NlriScan() {}

    /**
     * Checks {@code buf[from, to)} as a sequence of ([path identifier] length prefix) entries.
     *
     * @param family "IPv4" or "IPv6", for the sentence in {@code why}
     * @return the number of prefixes, or -1 with {@code why} filled when a prefix length exceeds {@code maxLength},
     *     or an entry runs past {@code to}
     */
    static int count(byte[] buf, int from, int to, boolean addPath, int maxLength, String family, StringBuilder why) {
        int count = 0;
        int p = from;
        int step = addPath ? 4 : 0;
        while (p < to) {
            if (p + step >= to) {
                why.append(family).append(" NLRI at octet ").append(p - from).append(" is truncated");
                return -1;
            }
            int len = buf[p + step] & 0xff;
            if (len > maxLength) {
                why.append(family).append(" prefix length ").append(len).append(" is more than ").append(maxLength);
                return -1;
            }
            int end = p + step + 1 + ((len + 7) >>> 3);
            if (end > to) {
                why.append(family).append(" prefix /").append(len).append(" at octet ").append(p - from)
                        .append(" runs past the end of its field");
                return -1;
            }
            p = end;
            count++;
        }
        return count;
    }
}
