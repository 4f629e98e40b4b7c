package dev.petrel.wire.attr;

import dev.petrel.wire.nlri.Ipv4;

/** AGGREGATOR (RFC 4271 §5.1.7), with a 4-octet AS whatever the session negotiated (RFC 6793). */
public record Aggregator(long as, int address) {
    @Override
    public String toString() {
        return as + " " + Ipv4.format(address);
    }
}
