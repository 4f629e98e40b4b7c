package dev.petrel.config;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole, validated configuration: the {@code petrel} block of the file.
 *
 * @param routerId the BGP Identifier (RFC 6286), never 0.0.0.0
 * @param localAs our AS, 1..4294967295, never AS_TRANS
 * @param listen where to accept connections; empty means only connect out
 * @param adminSocket the Unix socket of the admin commands
 * @param peers in file order, names and addresses unique
 * @param origin the file read, or null when the text came from elsewhere (a string, a classpath resource)
 */
public record PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
        List<PeerConfig> peers, Path origin) {
    public PetrelConfig {
        listen = List.copyOf(listen);
        peers = List.copyOf(peers);
    }
}
