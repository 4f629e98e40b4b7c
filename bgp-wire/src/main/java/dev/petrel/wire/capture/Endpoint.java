package dev.petrel.wire.capture;

import java.util.Objects;

/**
 * One end of a BGP session as a capture names it.
 *
 * @param address the IP address in text form (dotted quad, or RFC 5952 IPv6)
 * @param port the TCP port, or -1 when the container does not record one (MRT)
 */
public record Endpoint(String address, int port) {
    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    @Override
    public String toString() {
        String a = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return port < 0 ? a : a + ":" + port;
    }
}
