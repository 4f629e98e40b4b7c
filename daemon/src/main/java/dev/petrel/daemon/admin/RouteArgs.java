package dev.petrel.daemon.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.util.List;

/**
 * The arguments of the route commands, read from the request. {@code petrel show} sends every argument as a
 * string; scripts may send numbers and booleans. A bad argument is an {@link AdminException} that names it.
 */
final class RouteArgs {
    static final int DEFAULT_LIMIT = 10_000;
    /** The answer is built in memory and the client reads at most 64 MiB: a route with its paths is ~1 KiB. */
    static final int MAX_LIMIT = 100_000;
    static final List<Family> ALL = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    private RouteArgs() {}

    /**
     * What {@code show-routes} looks up: a prefix, matched exactly, or an address ({@code longest}), matched by
     * the longest prefix with a best path, as the forwarding table would.
     */
    record Target(Prefix prefix, boolean longest, String text) {
        Family family() {
            return prefix.unicastFamily();
        }
    }

    /** {@code "prefix"}: "192.0.2.0/24", or an address "192.0.2.7"; null when absent. */
    static Target target(JsonNode request) throws AdminException {
        String text = string(request, "prefix");
        if (text == null) {
            return null;
        }
        try {
            if (text.indexOf('/') >= 0) {
                Prefix p = Prefix.parse(text);
                return new Target(p, false, p.toString());
            }
            Prefix host = text.indexOf(':') >= 0 ? Ipv6Prefix.of(text, 128) : Ipv4Prefix.of(text, 32);
            return new Target(host, true, text);
        } catch (IllegalArgumentException e) {
            throw new AdminException("bad prefix " + printable(text) + ": " + e.getMessage()
                    + " (expected ADDRESS/LENGTH or an address)");
        }
    }

    /** {@code "family"}: ipv4-unicast, ipv6-unicast (or ipv4, ipv6) or all, the default. */
    static List<Family> families(JsonNode request) throws AdminException {
        String f = string(request, "family");
        if (f == null || f.equals("all")) {
            return ALL;
        }
        for (Family family : ALL) {
            if (f.equals(family.name()) || f.equals(family.name().replace("-unicast", ""))) {
                return List.of(family);
            }
        }
        throw new AdminException("unknown family " + printable(f) + "; families: ipv4-unicast, ipv6-unicast, all");
    }

    /** How the answer names a family selection: "all" or the family. */
    static String familyName(List<Family> families) {
        return families.size() == 1 ? families.get(0).name() : "all";
    }

    /** {@code "limit"}: the most routes in the answer, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} if absent. */
    static int limit(JsonNode request) throws AdminException {
        JsonNode n = request.get("limit");
        if (n == null || n.isNull()) {
            return DEFAULT_LIMIT;
        }
        long limit;
        if (n.isIntegralNumber()) {
            limit = n.asLong();
        } else {
            try {
                limit = Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                throw new AdminException("limit must be a number from 1 to " + MAX_LIMIT + ", got "
                        + printable(n.asText()));
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new AdminException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return (int) limit;
    }

    /** A yes/no argument: true or "true"; absent is false. */
    static boolean flag(JsonNode request, String field) throws AdminException {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return switch (n.asText()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AdminException(field + " must be true or false, got " + printable(n.asText()));
        };
    }

    /** {@code "peer"}: required. */
    static String peer(JsonNode request) throws AdminException {
        String name = string(request, "peer");
        if (name == null) {
            throw new AdminException("which peer? (\"peer\" is missing)");
        }
        return name;
    }

    /** The answer to a peer name the RIB does not know: what there is to choose from. */
    static AdminException unknownPeer(String name, List<String> peers) {
        return new AdminException("no peer named " + printable(name)
                + (peers.isEmpty() ? "; no peers are configured" : "; peers: " + String.join(", ", peers)));
    }

    private static String string(JsonNode request, String field) {
        JsonNode n = request.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The client's own words go back in the error, but not 64 KiB of them nor its control characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return s.codePointCount(0, s.length()) > 64 ? b + "..." : b.toString();
    }
}
