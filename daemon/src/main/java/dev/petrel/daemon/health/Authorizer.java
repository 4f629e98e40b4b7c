package dev.petrel.daemon.health;

import dev.petrel.config.HttpOptions.Authorization;
import java.util.List;
import java.util.Set;

/**
 * Who may use which HTTP endpoint, as a pure function of the configured lists and what is known of the client
 * (where it connects from, the names in its verified certificate). The rules are those of
 * {@link Authorization}: {@code "*"} any client the transport let through, {@code "loopback"} a client on a
 * loopback address, any other entry a certificate name.
 */
public final class Authorizer {
    /** Read-only endpoints (health, metrics) or mutating ones (reload, peer shutdown and start). */
    public enum Access {
        READ, WRITE;

        String key() {
            return this == READ ? "read" : "write";
        }
    }

    /**
     * What is known of a client.
     *
     * @param loopback it connects from a loopback address
     * @param names its verified certificate's subject CN and DNS subject alternative names; empty without one
     */
    public record Client(boolean loopback, Set<String> names) {
        public Client {
            names = Set.copyOf(names);
        }
    }

    private final Authorization rules;

    public Authorizer(Authorization rules) {
        this.rules = rules;
    }

    /** Null when {@code client} may have {@code access}; otherwise why not, for the 403's body. */
    public String refusal(Access access, Client client) {
        return refusal(access == Access.READ ? rules.read() : rules.write(), access, client);
    }

    static String refusal(List<String> allowed, Access access, Client client) {
        for (String entry : allowed) {
            if (entry.equals(Authorization.ANY)
                    || entry.equals(Authorization.LOOPBACK) && client.loopback()
                    || client.names().contains(entry)) {
                return null;
            }
        }
        String who = client.names().isEmpty() ? (client.loopback() ? "a loopback client" : "a client")
                + " without a client certificate" : "client certificate " + String.join(", ", client.names().stream()
                        .sorted().toList());
        return allowed.isEmpty()
                ? access.key() + " access is not allowed to anyone (admin.authorization." + access.key() + " = [])"
                : who + " is not in admin.authorization." + access.key() + " " + allowed;
    }
}
