package dev.petrel.config;

import static dev.petrel.config.Configs.*;
import static dev.petrel.rib.policy.Match.PrefixMatch.Operator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.rib.policy.Verdict;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code petrel.policies}: every match and action key read into the rib module's objects, every bad value
 * refused with the rule it breaks, and peers' references checked against the names defined. The policy under
 * test is written on line 4 (see {@link Configs#text}), so every error about it is on line 4.
 */
class PolicyConfigTest {
    private static final String RULE = "petrel.policies.p.rules[0].";

    private static String withPolicy(String body, String peerKeys) {
        return text("policies { p { " + body + " } }", peerKeys);
    }

    private static Policy policy(String body) {
        return valid(withPolicy(body, "")).policy("p");
    }

    private static Rule rule(String body) {
        return policy("rules = [ { " + body + " } ]").rules().get(0);
    }

    private static List<Match> matches(String body) {
        return rule("match { " + body + " }, action = accept").matches();
    }

    private static List<Action> actions(String body) {
        return rule("then { " + body + " }, action = accept").actions();
    }

    private static ConfigError ruleError(String body, String key, String message) {
        return onlyError(withPolicy("rules = [ { " + body + " } ]", ""), 4, RULE + key, message);
    }

    private static ConfigError matchError(String body, String key, String message) {
        return ruleError("match { " + body + " }, action = accept", "match." + key, message);
    }

    private static ConfigError thenError(String body, String key, String message) {
        return ruleError("then { " + body + " }, action = accept", "then." + key, message);
    }

    private static Match.PrefixMatch prefix(String cidr, Match.PrefixMatch.Operator op, int min, int max) {
        return new Match.PrefixMatch(Prefix.parse(cidr), op, min, max);
    }

    // ---- match

    @Test
    void prefixIsInUnlessSaidOtherwise() {
        assertEquals(List.of(Match.PrefixMatch.of(Prefix.parse("10.0.0.0/8"), IN)), matches("prefix = \"10.0.0.0/8\""));
        assertEquals(List.of(Match.PrefixMatch.of(Prefix.parse("10.0.0.0/8"), NOT_IN)),
                matches("prefix = \"10.0.0.0/8\", prefix-operator = not-in"));
        assertEquals(List.of(Match.PrefixMatch.of(Prefix.parse("10.0.0.0/8"), EQUAL)),
                matches("prefix = \"10.0.0.0/8\", prefix-operator = equal"));
        assertEquals(List.of(Match.PrefixMatch.of(Prefix.parse("2001:db8::/32"), NOT_EQUAL)),
                matches("prefix = \"2001:db8::/32\", prefix-operator = not-equal"));
        matchError("prefix = \"10.0.0.0/8\", prefix-operator = within", "prefix-operator",
                "\"within\" is not one of: in, not-in, equal, not-equal");
        matchError("prefix-operator = equal", "prefix-operator", "needs a prefix to compare with");
    }

    @Test
    void prefixesAreStrict() {
        matchError("prefix = \"10.0.0.1/8\"", "prefix", "10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?");
        matchError("prefix = \"2001:db8::1/32\"", "prefix", "did you mean 2001:db8::/32?");
        matchError("prefix = \"10.0.0.0\"", "prefix", "\"10.0.0.0\" is not a prefix like 10.0.0.0/8");
        matchError("prefix = \"10.0.0.0/33\"", "prefix", "the length of an IPv4 prefix is 0..32");
        matchError("prefix = \"pods/16\"", "prefix", "is not a prefix");
    }

    @Test
    void prefixLengthForms() {
        Match.PrefixMatch m = prefix("10.0.0.0/8", IN, 24, 32);
        assertEquals(List.of(m), matches("prefix = \"10.0.0.0/8\", prefix-length = \"24-32\""));
        assertEquals(List.of(m), matches("prefix = \"10.0.0.0/8\", prefix-length = 24-32"), "unquoted");
        assertEquals(List.of(m), matches("prefix = \"10.0.0.0/8\", prefix-length { min = 24 }"));
        assertEquals(List.of(m), matches("prefix = \"10.0.0.0/8\", prefix-length { min = 24, max = 32 }"));
        assertEquals(List.of(prefix("10.0.0.0/8", IN, 8, 16)),
                matches("prefix = \"10.0.0.0/8\", prefix-length { max = 16 }"));
        assertEquals(List.of(prefix("10.0.0.0/8", NOT_IN, 26, 26)),
                matches("prefix = \"10.0.0.0/8\", prefix-operator = not-in, prefix-length = 26"));
        assertEquals(List.of(prefix("fd00::/8", IN, 64, 128)), matches("prefix = \"fd00::/8\", prefix-length = \"64-128\""));
    }

    @Test
    void prefixLengthErrorsNameTheLimit() {
        matchError("prefix = \"10.0.0.0/8\", prefix-length = 33", "prefix-length",
                "must be min-max within 0-32 for an IPv4 prefix, got 33");
        matchError("prefix = \"fd00::/8\", prefix-length = \"64-129\"", "prefix-length",
                "must be min-max within 0-128 for an IPv6 prefix, got 64-129");
        matchError("prefix = \"10.0.0.0/8\", prefix-length = \"28-24\"", "prefix-length", "28-24: min 28 is above max 24");
        matchError("prefix = \"10.0.0.0/16\", prefix-length = \"8-24\"", "prefix-length",
                "8-24 starts below the length of 10.0.0.0/16 itself: a route inside it is /16 to /32");
        matchError("prefix = \"10.0.0.0/8\", prefix-length = \"long\"", "prefix-length",
                "must be min-max like \"24-32\", one length like 24, or { min = 24, max = 32 }");
        matchError("prefix = \"10.0.0.0/8\", prefix-operator = equal, prefix-length = 24", "prefix-length",
                "applies to prefix-operator in and not-in; equal compares the whole prefix");
        matchError("prefix-length = 24", "prefix-length", "needs a prefix (0.0.0.0/0 or ::/0");
        matchError("prefix = \"10.0.0.0/8\", prefix-length { min = 24, mx = 32 }", "prefix-length.mx",
                "unknown key; did you mean max?");
    }

    @Test
    void familyAndItsClashWithThePrefix() {
        assertEquals(List.of(new Match.FamilyMatch(Family.IPV6_UNICAST)), matches("family = ipv6-unicast"));
        matchError("family = ipv6", "family", "\"ipv6\" is not one of: ipv4-unicast, ipv6-unicast");
        matchError("family = ipv6-unicast, prefix = \"10.0.0.0/8\"", "family",
                "ipv6-unicast and the IPv4 prefix 10.0.0.0/8 never both hold");
    }

    @Test
    void sourceIsOneOrAList() {
        assertEquals(List.of(Match.SourceMatch.of(Source.Kind.PEER)), matches("source = remote-peers"));
        assertEquals(List.of(new Match.SourceMatch(EnumSet.of(Source.Kind.LOCAL, Source.Kind.KERNEL))),
                matches("source = [local, kernel]"));
        matchError("source = [local, static]", "source[1]", "\"static\" is not a source: remote-peers, local, kernel");
        matchError("source = [kernel, kernel]", "source[1]", "is listed twice");
        matchError("source = []", "source", "is empty; leave it out instead");
    }

    @Test
    void peerType() {
        assertEquals(List.of(new Match.PeerTypeMatch(PeerType.INTERNAL)), matches("peer-type = ibgp"));
        assertEquals(List.of(new Match.PeerTypeMatch(PeerType.EXTERNAL)), matches("peer-type = ebgp"));
        matchError("peer-type = internal", "peer-type", "is not one of: ebgp, ibgp");
    }

    @Test
    void interfaceGlobAndExclusion() {
        assertEquals(List.of(new Match.InterfaceMatch("cali*", false)), matches("interface = \"cali*\""));
        assertEquals(List.of(new Match.InterfaceMatch("cali*", true)), matches("interface = \"!cali*\""));
        matchError("interface = \"!\"", "interface", "needs a name or a glob");
    }

    @Test
    void communities() {
        assertEquals(List.of(new Match.CommunityMatch(List.of(Community.of(65000, 100), Community.NO_EXPORT))),
                matches("community = [\"65000:100\", no-export]"));
        assertEquals(List.of(new Match.CommunityMatch(List.of(Community.BLACKHOLE))), matches("community = blackhole"));
        matchError("community = [\"65536:1\"]", "community[0]",
                "\"65536:1\" is not a community: \"ASN:VALUE\", each 0..65535 (RFC 1997), or one of blackhole,");
        matchError("community = [\"1:2:3\"]", "community[0]", "is not a community");
        assertEquals(List.of(new Match.LargeCommunityMatch(List.of(new LargeCommunity(4200000000L, 0, 4294967295L)))),
                matches("large-community = \"4200000000:0:4294967295\""));
        matchError("large-community = [\"1:2\"]", "large-community[0]",
                "\"1:2\" is not a large community: \"GLOBAL:LOCAL1:LOCAL2\", each 0..4294967295 (RFC 8092)");
        matchError("large-community = [\"1:2:4294967296\"]", "large-community[0]", "is not a large community");
    }

    @Test
    void asPathPrefix() {
        assertEquals(List.of(new Match.AsPathPrefixMatch(List.of(65001L, 4200000000L))),
                matches("as-path-prefix = [65001, 4200000000]"));
        assertEquals(List.of(new Match.AsPathPrefixMatch(List.of(65001L))), matches("as-path-prefix = 65001"));
        matchError("as-path-prefix = [65001, 0]", "as-path-prefix[1]", "0 is not an AS number, 1..4294967295");
    }

    @Test
    void nextHopIsAnAddressOrAPrefix() {
        assertEquals(List.of(new Match.NextHopMatch(Prefix.parse("10.0.0.1/32"))), matches("next-hop = \"10.0.0.1\""));
        assertEquals(List.of(new Match.NextHopMatch(Prefix.parse("fd00::/8"))), matches("next-hop = \"fd00::/8\""));
        matchError("next-hop = \"gateway\"", "next-hop", "\"gateway\" is not an address or a prefix");
    }

    @Test
    void kernelPriority() {
        assertEquals(List.of(new Match.KernelPriorityMatch(100)), matches("kernel-priority = 100"));
        matchError("kernel-priority = 16777215", "kernel-priority", "16777215 is out of range: a kernel priority is"
                + " 0..16777214");
    }

    @Test
    void matchesComeInAFixedOrderWithTheNextHopLast() {
        List<Match> m = matches("next-hop = \"10.0.0.0/8\", community = \"1:1\", prefix = \"10.0.0.0/8\","
                + " family = ipv4-unicast");
        assertEquals(List.of(Match.FamilyMatch.class, Match.PrefixMatch.class, Match.CommunityMatch.class,
                Match.NextHopMatch.class), m.stream().map(Object::getClass).toList());
        assertEquals(List.of(), matches(""), "match {} holds for every route");
        assertEquals(List.of(), rule("action = accept").matches(), "no match block: the same");
    }

    // ---- then

    @Test
    void everyActionInItsFixedOrder() {
        List<Action> a = actions("kernel-priority = 5, next-hop = keep, med = 0, local-pref = 4294967295,"
                + " prepend = 3, add-large-community = \"1:2:3\", remove-large-community = [\"1:2:4\"],"
                + " add-community = [\"1:1\"], remove-community = no-export");
        assertEquals(List.of(new Action.RemoveCommunities(List.of(Community.NO_EXPORT)),
                new Action.AddCommunities(List.of(Community.of(1, 1))),
                new Action.RemoveLargeCommunities(List.of(new LargeCommunity(1, 2, 4))),
                new Action.AddLargeCommunities(List.of(new LargeCommunity(1, 2, 3))),
                new Action.Prepend(Action.Prepend.LOCAL_AS, 3), new Action.SetLocalPref(4294967295L),
                new Action.SetMed(0), new Action.SetNextHop(NextHopAction.KEEP), new Action.SetKernelPriority(5)), a);
    }

    @Test
    void prependForms() {
        assertEquals(List.of(new Action.Prepend(Action.Prepend.LOCAL_AS, 2)), actions("prepend = 2"));
        assertEquals(List.of(new Action.Prepend(Action.Prepend.LOCAL_AS, 3)), actions("prepend { count = 3 }"));
        assertEquals(List.of(new Action.Prepend(65000, 1)), actions("prepend { as = 65000 }"));
        assertEquals(List.of(new Action.Prepend(65000, 10)), actions("prepend { as = 65000, count = 10 }"));
        assertEquals(List.of(new Action.Prepend(65002, 1), new Action.Prepend(65001, 1)),
                actions("prepend = [65001, 65002]"), "the path then starts 65001 65002");
        thenError("prepend = [65001, 23456]", "prepend[1]", "23456 is AS_TRANS");
        thenError("prepend = []", "prepend", "a sequence to prepend holds 1..10 AS numbers, not 0");
        thenError("prepend = 0", "prepend", "0 is out of range: prepend our AS 1..10 times");
        thenError("prepend = 11", "prepend", "out of range");
        thenError("prepend { count = 11 }", "prepend.count", "11 is out of range: prepend 1..10 times");
        thenError("prepend { as = 23456 }", "prepend.as", "23456 is AS_TRANS");
        thenError("prepend { cuont = 2 }", "prepend.cuont", "unknown key; did you mean count?");
    }

    @Test
    void actionValues() {
        thenError("local-pref = -1", "local-pref", "-1 is out of range: LOCAL_PREF is 0..4294967295");
        thenError("med = 4294967296", "med", "out of range: MED is 0..4294967295");
        thenError("next-hop = peer", "next-hop", "\"peer\" is not one of: self, keep");
        thenError("kernel-priority = -1", "kernel-priority", "out of range");
        thenError("add-community = []", "add-community", "is empty; leave it out instead");
        thenError("remove-community = [\"65000:x\"]", "remove-community[0]", "is not a community");
        thenError("add-large-community = [\"1:1:1\", \"1:1:1\"]", "add-large-community[1]", "is listed twice");
    }

    @Test
    void aRejectingRuleChangesNothing() {
        ruleError("then { med = 1 }, action = reject", "then",
                "a rejected route is not changed (action = reject): move these changes to a rule with action = accept");
        assertEquals(Verdict.REJECT, rule("then {}, action = reject").verdict());
    }

    // ---- rules and policies

    @Test
    void actionIsRequired() {
        ruleError("match { peer-type = ebgp }", "action", "is required: accept or reject");
        ruleError("action = deny", "action", "\"deny\" is not one of: accept, reject");
    }

    @Test
    void defaultVerdict() {
        assertEquals(Verdict.REJECT, policy("").defaultVerdict());
        assertEquals(List.of(), policy("").rules(), "no rules: the default decides");
        assertEquals(Verdict.ACCEPT, policy("default = accept").defaultVerdict());
        onlyError(withPolicy("default = allow", ""), 4, "petrel.policies.p.default",
                "\"allow\" is not one of: accept, reject");
    }

    @Test
    void unknownKeysAtEveryLevelOfAPolicy() {
        onlyError(withPolicy("rule = []", ""), 4, "petrel.policies.p.rule", "unknown key; did you mean rules?");
        ruleError("matches {}, action = accept", "matches", "unknown key; did you mean match?");
        matchError("comunity = \"1:1\"", "comunity", "unknown key; did you mean community?");
        thenError("localpref = 1", "localpref", "unknown key; did you mean local-pref?");
    }

    @Test
    void policyNames() {
        onlyError(text("policies { all { default = accept } }", ""), 4, "petrel.policies.all",
                "all is a built-in policy (every route) and cannot be redefined; choose another name");
        onlyError(text("policies { none { } }", ""), 4, "petrel.policies.none", "none is a built-in policy (no route)");
        List<ConfigError> errors = errors(text("policies { none {}, out {} }", "import = in"));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(1).message().endsWith("import policy 'in' is not defined; defined: out"),
                "a refused built-in name is not listed as defined: " + errors);
        onlyError(text("policies { \"pods out\" { } }", ""), 4, "petrel.policies.pods out",
                "policy name \"pods out\" must match [A-Za-z0-9_-]{1,64}");
        onlyError(text("policies { p = accept }", ""), 4, "petrel.policies.p",
                "a policy is an object { rules = [...], default = reject }");
        onlyError(withPolicy("rules = [ accept ]", ""), 4, "petrel.policies.p.rules[0]", "a rule is an object");
        topError("policies = []", "petrel.policies", "must be an object");
    }

    // ---- peers and their policies

    @Test
    void peersReferToPoliciesByName() {
        PetrelConfig c = valid(withPolicy("default = accept", "import = p, export = all"));
        PeerConfig peer = c.peers().get(0);
        for (AddressFamily f : AddressFamily.values()) {
            assertEquals(new PolicyRef.Named(c.policy("p")), peer.importPolicy(f));
            assertSame(c.policy("p"), peer.importPolicy(f).policy());
            assertEquals(Policy.ALL, peer.exportPolicy(f).policy());
            assertTrue(peer.importExplicit(f));
        }
        assertTrue(peer.importExplicit());
        assertEquals("p", ((PolicyRef.Named) peer.importPolicy(AddressFamily.IPV4_UNICAST)).name());
    }

    @Test
    void anUndefinedNameListsTheDefinedOnes() {
        String text = text("policies { b {}, a {} }", "import = c");
        onlyError(text, 6, "petrel.peers[0].import", "peer upstream: import policy 'c' is not defined; defined: a, b");
        assertEquals(List.of("a", "b"), List.copyOf(valid(text("policies { b {}, a {} }", "")).policies().keySet()));
    }

    @Test
    void onePolicyPerFamily() {
        PeerConfig peer = valid(withPolicy("", "import = { ipv4-unicast = p, ipv6-unicast = none }")).peers().get(0);
        assertEquals("p", peer.importPolicy(AddressFamily.IPV4_UNICAST).toString());
        assertEquals(PolicyRef.NONE, peer.importPolicy(AddressFamily.IPV6_UNICAST));

        PeerConfig half = valid(withPolicy("", "export = { ipv6-unicast = p }")).peers().get(0);
        assertTrue(half.exportExplicit(AddressFamily.IPV6_UNICAST));
        assertFalse(half.exportExplicit(AddressFamily.IPV4_UNICAST), "a family left out is unset");
        assertFalse(half.exportExplicit());
        assertEquals(PolicyRef.NONE, half.exportPolicy(AddressFamily.IPV4_UNICAST), "eBGP: RFC 8212");

        onlyError(withPolicy("", "import = { ipv4-unicat = p }"), 6, "petrel.peers[0].import.ipv4-unicat",
                "is not a family: ipv4-unicast, ipv6-unicast; did you mean ipv4-unicast?");
        onlyError(withPolicy("", "import = { ipv4-unicast = [p] }"), 6, "petrel.peers[0].import.ipv4-unicast",
                "must be all, none or the name of a policy");
        onlyError(withPolicy("", "import = { ipv4-unicast = q }"), 6, "petrel.peers[0].import.ipv4-unicast",
                "peer upstream: import policy 'q' is not defined; defined: p");
        peerError("import = 5", "import", "must be all, none, the name of a policy, or one per family");
    }

    @Test
    void perFamilyDefaultsMergeWithThePeersOwn() {
        // Without the "import = all" of the usual test peer: an object written over a string does not merge.
        String text = text("policies { p {} }, peer-defaults.import { ipv6-unicast = p }",
                "import { ipv4-unicast = all }").replace("import = all, ", "");
        PeerConfig peer = valid(text).peers().get(0);
        assertEquals(PolicyRef.ALL, peer.importPolicy(AddressFamily.IPV4_UNICAST));
        assertEquals("p", peer.importPolicy(AddressFamily.IPV6_UNICAST).toString(), "HOCON merges the two objects");
        PeerConfig unset = valid(text("peer-defaults.import = all", "import = null")).peers().get(0);
        assertFalse(unset.importExplicit(AddressFamily.IPV4_UNICAST), "null undoes the default");
    }

    @Test
    void aBrokenPolicyIsReportedOnceNotAtEveryPeer() {
        onlyError(withPolicy("default = maybe", "import = p"), 4, "petrel.policies.p.default", "is not one of");
    }

    @Test
    void policiesFromTheConfigurationEvaluate() {
        Policy p = policy("rules = [ { match { prefix = \"10.244.0.0/16\", prefix-length = 26 },"
                + " then { add-community = [\"64512:100\"] }, action = accept } ]");
        assertTrue(p.evaluate(Routes.of("10.244.3.0/26")).accepted());
        assertEquals(List.of(Community.of(64512, 100)), p.evaluate(Routes.of("10.244.3.0/26")).attributes()
                .communities());
        assertFalse(p.evaluate(Routes.of("10.244.0.0/16")).accepted(), "default reject");
    }
}
