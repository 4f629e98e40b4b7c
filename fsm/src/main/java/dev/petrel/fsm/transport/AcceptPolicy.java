package dev.petrel.fsm.transport;

import java.net.InetSocketAddress;

/**
 * Decides, for each accepted TCP connection, whether it belongs to a configured peer.
 *
 * <p>Called on the new channel's event loop when it is registered, before any byte is read from it; must be
 * quick and must not block (a map lookup by {@code remote.getAddress()}). Both addresses are normalised:
 * an IPv4 peer reaching a dual-stack IPv6 listener is reported as IPv4. An exception counts as a rejection.
 */
@FunctionalInterface
public interface AcceptPolicy {
    Acceptance accept(InetSocketAddress remote, InetSocketAddress local);
}
