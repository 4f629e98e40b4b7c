package dev.petrel.config;

import java.net.Inet6Address;
import java.net.InetAddress;

/** An address and port to accept BGP connections on. */
public record ListenAddress(InetAddress address, int port) {
    /** "addr:port", or "[v6]:port" for IPv6, as written in the configuration. */
    @Override
    public String toString() {
        String a = IpLiterals.format(address);
        return (address instanceof Inet6Address ? "[" + a + "]" : a) + ":" + port;
    }
}
