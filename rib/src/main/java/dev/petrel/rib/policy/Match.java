package dev.petrel.rib.policy;

import dev.petrel.rib.Source;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One condition of a rule. A rule holds when all of its matches hold. Every match reads the route in place and
 * allocates nothing, except {@link NextHopMatch} (see there).
 */
public sealed interface Match {
    /** Whether the route satisfies this condition. */
    boolean test(PolicyInput route);

    /**
     * The route's prefix against a CIDR, as Calico's {@code cidr} with {@code matchOperator} and
     * {@code prefixLength} (BIRD's {@code net ~ [ 10.0.0.0/8{16,24} ]}). Never holds for a route of the other
     * address family, whatever the operator: a v4 CIDR says nothing about v6 routes (Calico keeps them apart in
     * importV4 and importV6), so {@code NOT_IN 10.0.0.0/8} does not hold for {@code 2001:db8::/32}.
     *
     * @param prefix the CIDR
     * @param operator how the route's prefix relates to it
     * @param minLength for IN and NOT_IN, the shortest route prefix length counted as inside; at least the CIDR's
     *     own length. For EQUAL and NOT_EQUAL, the CIDR's length
     * @param maxLength for IN and NOT_IN, the longest; at most 32 or 128. For EQUAL and NOT_EQUAL, the CIDR's length
     */
    record PrefixMatch(Prefix prefix, Operator operator, int minLength, int maxLength) implements Match {
        public enum Operator {
            /** The route's prefix is the CIDR. */
            EQUAL,
            /** The route's prefix is of the CIDR's family and is not the CIDR. */
            NOT_EQUAL,
            /** The route's prefix is the CIDR or more specific, with a length in the range. */
            IN,
            /** The route's prefix is of the CIDR's family and not IN. */
            NOT_IN
        }

        public PrefixMatch {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(operator, "operator");
            int len = prefix.length();
            int bits = Prefixes.bits(prefix);
            if (operator == Operator.EQUAL || operator == Operator.NOT_EQUAL) {
                if (minLength != len || maxLength != len) {
                    throw new IllegalArgumentException(operator + " compares whole prefixes; a length range needs IN"
                            + " or NOT_IN, got " + minLength + "-" + maxLength + " for " + prefix);
                }
            } else if (minLength < len || maxLength > bits || minLength > maxLength) {
                throw new IllegalArgumentException("the length range of " + prefix + " must be within " + len + "-"
                        + bits + ", got " + minLength + "-" + maxLength);
            }
        }

        /** A match without a length range: IN and NOT_IN cover every length from the CIDR's own to 32 or 128. */
        public static PrefixMatch of(Prefix prefix, Operator operator) {
            boolean whole = operator == Operator.EQUAL || operator == Operator.NOT_EQUAL;
            return new PrefixMatch(prefix, operator, prefix.length(), whole ? prefix.length() : Prefixes.bits(prefix));
        }

        @Override
        public boolean test(PolicyInput route) {
            Prefix p = route.prefix();
            if (p.afi() != prefix.afi()) {
                return false;
            }
            return switch (operator) {
                case EQUAL -> p.equals(prefix);
                case NOT_EQUAL -> !p.equals(prefix);
                case IN -> inside(p);
                case NOT_IN -> !inside(p);
            };
        }

        private boolean inside(Prefix p) {
            return p.length() >= minLength && p.length() <= maxLength && Prefixes.contains(prefix, p);
        }
    }

    /** The route's address family. */
    record FamilyMatch(Family family) implements Match {
        public FamilyMatch {
            Objects.requireNonNull(family, "family");
        }

        @Override
        public boolean test(PolicyInput route) {
            return family.equals(route.family());
        }
    }

    /** Where the route came from: any of these kinds (Calico's {@code source: RemotePeers} is {@code PEER}). */
    record SourceMatch(Set<Source.Kind> kinds) implements Match {
        public SourceMatch {
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("a source match needs at least one kind");
            }
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }

        public static SourceMatch of(Source.Kind kind) {
            return new SourceMatch(EnumSet.of(kind));
        }

        @Override
        public boolean test(PolicyInput route) {
            return kinds.contains(route.sourceKind());
        }
    }

    /**
     * The type of the session the policy runs for (see {@link PolicyInput#peerType()}): never holds when it runs
     * for none.
     */
    record PeerTypeMatch(PeerType type) implements Match {
        public PeerTypeMatch {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public boolean test(PolicyInput route) {
            return route.peerType() == type;
        }
    }

    /**
     * The route's interface name against a glob: {@code *} is any run of characters, {@code ?} any one character,
     * everything else itself (BIRD's {@code ifname ~ "cali*"}). With {@code exclude}, the match holds when the
     * name does not match, and so also for a route without an interface.
     */
    record InterfaceMatch(String glob, boolean exclude) implements Match {
        public InterfaceMatch {
            if (glob.isEmpty()) {
                throw new IllegalArgumentException("an interface glob is not empty");
            }
        }

        @Override
        public boolean test(PolicyInput route) {
            String name = route.interfaceName();
            return (name != null && glob(glob, name)) != exclude;
        }

        /** Whether {@code s} matches {@code pattern}; one backtracking point, so linear for practical patterns. */
        static boolean glob(String pattern, String s) {
            int p = 0;
            int i = 0;
            int star = -1;
            int mark = 0;
            while (i < s.length()) {
                char c = p < pattern.length() ? pattern.charAt(p) : 0;
                if (p < pattern.length() && c != '*' && (c == '?' || c == s.charAt(i))) {
                    p++;
                    i++;
                } else if (c == '*' && p < pattern.length()) {
                    star = p++;
                    mark = i;
                } else if (star >= 0) {
                    p = star + 1;
                    i = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }

    /** COMMUNITIES (RFC 1997) holds any of these. */
    record CommunityMatch(List<Community> anyOf) implements Match {
        public CommunityMatch {
            anyOf = List.copyOf(anyOf);
            if (anyOf.isEmpty()) {
                throw new IllegalArgumentException("a community match needs at least one community");
            }
        }

        @Override
        public boolean test(PolicyInput route) {
            PathAttributes a = route.attributes();
            for (int i = 0; i < anyOf.size(); i++) {
                if (a.hasCommunity(anyOf.get(i).value())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** LARGE_COMMUNITIES (RFC 8092) holds any of these. */
    record LargeCommunityMatch(List<LargeCommunity> anyOf) implements Match {
        public LargeCommunityMatch {
            anyOf = List.copyOf(anyOf);
            if (anyOf.isEmpty()) {
                throw new IllegalArgumentException("a large community match needs at least one community");
            }
        }

        @Override
        public boolean test(PolicyInput route) {
            PathAttributes a = route.attributes();
            for (int i = 0; i < anyOf.size(); i++) {
                if (a.hasLargeCommunity(anyOf.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The AS_PATH starts with this sequence: the first is the neighbour AS (BIRD's {@code bgp_path ~ [= a b * =]},
     * Calico's {@code asPathPrefix}).
     *
     * @param asns unsigned AS numbers, at least one
     */
    record AsPathPrefixMatch(List<Long> asns) implements Match {
        public AsPathPrefixMatch {
            asns = List.copyOf(asns);
            if (asns.isEmpty()) {
                throw new IllegalArgumentException("an AS path prefix holds at least one AS");
            }
            for (long a : asns) {
                if (a < 0 || a > 0xffffffffL) {
                    throw new IllegalArgumentException("AS number out of range: " + a);
                }
            }
        }

        @Override
        public boolean test(PolicyInput route) {
            return route.attributes().asPathStartsWith(asns);
        }
    }

    /**
     * The route's next hop is inside this prefix (a /32 or /128 for one address); never holds for a route
     * without one. The one match that allocates: {@link InetAddress} gives its octets only as a copy.
     */
    record NextHopMatch(Prefix prefix) implements Match {
        public NextHopMatch {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean test(PolicyInput route) {
            InetAddress a = route.nextHop();
            return a != null && Prefixes.contains(prefix, a);
        }
    }

    /** The route's kernel priority (Calico's {@code priority}, BIRD's {@code krt_metric}) is this one. */
    record KernelPriorityMatch(int priority) implements Match {
        public KernelPriorityMatch {
            if (priority < 0) {
                throw new IllegalArgumentException("a kernel priority is not negative, got " + priority);
            }
        }

        @Override
        public boolean test(PolicyInput route) {
            return route.kernelPriority() == priority;
        }
    }
}
