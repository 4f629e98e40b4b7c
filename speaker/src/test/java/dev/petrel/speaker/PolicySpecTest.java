package dev.petrel.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.rib.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * A policy built in Java is the policy the same keys make in a configuration file: rendered to them, checked by the
 * configuration checker, and equal, once parsed, to the hand-written one.
 */
class PolicySpecTest {
    /** The policy {@code name} of a speaker built (not started) with {@code state}. */
    private static Policy parsed(DesiredState state, String name) {
        return Petrel.builder().routerId("10.255.1.1").localAs(64512).set("admin.http", "off").desiredState(state)
                .build().config().policies().get(name);
    }

    static final PolicySpec EVERY_KEY = PolicySpec.builder("every-key")
            .accept(m -> m.source("local").prefixIn("10.244.0.0/16", 26, 26).family("ipv4-unicast"),
                    t -> t.addCommunity("64512:100").removeCommunity("no-export").addLargeCommunity("64512:1:2")
                            .removeLargeCommunity("64512:3:4").prepend(2).localPref(200).med(10).nextHopSelf()
                            .kernelPriority(30))
            .accept(m -> m.source("remote-peers", "kernel").peerType("ebgp").iface("!cali*").community("64512:7")
                    .largeCommunity("64512:5:6").asPathPrefix(65001, 65002).nextHop("10.255.0.0/16")
                    .kernelPriority(20), t -> t.prepend(65010, 3).nextHopKeep())
            .accept(m -> m.prefixNotIn("10.96.0.0/12"), t -> t.prependSequence(65020, 65021))
            .reject(m -> m.prefixEqual("10.0.0.0/8"))
            .reject(m -> m.prefixNotEqual("fd00:255::/32"))
            .defaultAccept()
            .build();

    static final String EVERY_KEY_HOCON = """
            rules = [
              { match { source = local, prefix = "10.244.0.0/16", prefix-operator = in,
                        prefix-length { min = 26, max = 26 }, family = ipv4-unicast },
                then { add-community = ["64512:100"], remove-community = [no-export],
                       add-large-community = ["64512:1:2"], remove-large-community = ["64512:3:4"], prepend = 2,
                       local-pref = 200, med = 10, next-hop = self, kernel-priority = 30 },
                action = accept }
              { match { source = [remote-peers, kernel], peer-type = ebgp, interface = "!cali*",
                        community = ["64512:7"], large-community = ["64512:5:6"], as-path-prefix = [65001, 65002],
                        next-hop = "10.255.0.0/16", kernel-priority = 20 },
                then { prepend { as = 65010, count = 3 }, next-hop = keep }, action = accept }
              { match { prefix = "10.96.0.0/12", prefix-operator = not-in }, then { prepend = [65020, 65021] },
                action = accept }
              { match { prefix = "10.0.0.0/8", prefix-operator = equal }, action = reject }
              { match { prefix = "fd00:255::/32", prefix-operator = not-equal }, action = reject }
            ]
            default = accept
            """;

    @Test
    void everyKeyGivesThePolicyTheHandWrittenFileGives() {
        Policy typed = parsed(DesiredState.builder().policy(EVERY_KEY).build(), "every-key");
        Policy written = parsed(DesiredState.builder().policy("every-key", EVERY_KEY_HOCON).build(), "every-key");
        assertEquals(written, typed);
        assertEquals(5, typed.rules().size());
    }

    @Test
    void itRendersAsTheConfigurationKeys() {
        PolicySpec p = PolicySpec.builder("pods").accept(m -> m.prefixIn("10.244.0.0/16"), t -> t.med(5)).build();
        // JSON, which HOCON reads; typesafe-config renders the keys sorted
        assertEquals("{\"default\":\"reject\",\"rules\":[{\"action\":\"accept\",\"match\":{\"prefix\":"
                + "\"10.244.0.0/16\",\"prefix-operator\":\"in\"},\"then\":{\"med\":5}}]}", p.hocon());
    }

    @Test
    void aBadValueIsNamedByItsKey() {
        PolicySpec bad = PolicySpec.builder("bad").accept(m -> m.prefixIn("10.0.0.1/8")).build();
        InvalidStateException e = assertThrows(InvalidStateException.class,
                () -> parsed(DesiredState.builder().policy(bad).build(), "bad"));
        assertTrue(e.getMessage().contains("policies.bad.rules[0].match.prefix"), e.getMessage());
        PolicySpec range = PolicySpec.builder("range").accept(m -> m.prefixIn("10.0.0.0/8", 4, 40)).build();
        InvalidStateException r = assertThrows(InvalidStateException.class,
                () -> parsed(DesiredState.builder().policy(range).build(), "range"));
        assertTrue(r.getMessage().contains("prefix-length"), r.getMessage());
    }

    @Test
    void theLastPrefixConditionWinsWholeAndNullIsRefusedAtOnce() {
        PolicySpec p = PolicySpec.builder("p").accept(m -> m.prefixIn("10.0.0.0/8", 24, 24).prefixNotIn("10.1.0.0/16"))
                .build();
        assertEquals(java.util.Map.of("prefix", "10.1.0.0/16", "prefix-operator", "not-in"), p.rules().get(0).match(),
                "no length range left from the first call");
        assertThrows(NullPointerException.class, () -> PolicySpec.builder("n").reject(m -> m.iface(null)));
        assertThrows(NullPointerException.class, () -> PolicySpec.builder("n").reject(m -> m.community("a", null)));
        assertThrows(IllegalArgumentException.class, () -> new PolicySpec.Rule(false, java.util.Map.of(),
                java.util.Map.of("med", 1)));
        assertThrows(UnsupportedOperationException.class,
                () -> ((java.util.List<Object>) EVERY_KEY.rules().get(1).match().get("as-path-prefix")).add(1L));
    }
}
