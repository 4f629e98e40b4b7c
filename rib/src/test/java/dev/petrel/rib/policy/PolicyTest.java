package dev.petrel.rib.policy;

import static dev.petrel.rib.policy.Match.PrefixMatch.Operator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.Match.PrefixMatch;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules in order, the first match deciding, the default verdict, and what the result carries. */
class PolicyTest {
    private static final PathAttributes ATTRS = PathAttributes.builder().origin(Origin.IGP)
            .asPath(AsPath.sequence(65001)).nextHop("192.0.2.1").localPref(100).build();

    private static Match in(String cidr) {
        return PrefixMatch.of(Prefix.parse(cidr), IN);
    }

    private static Route route(String prefix) {
        return Route.of(prefix).attributes(ATTRS);
    }

    @Test
    void firstMatchingRuleWins() {
        Policy p = new Policy("p", List.of(
                Rule.reject(List.of(in("10.1.0.0/16"))),
                Rule.accept(List.of(in("10.0.0.0/8")), List.of(new Action.SetLocalPref(200))),
                Rule.accept(List.of(in("10.1.2.0/24")), List.of())));
        PolicyResult r = p.evaluate(route("10.1.2.0/24"));
        assertFalse(r.accepted(), "rule 0 matches before the more specific rule 2");
        assertEquals(0, r.rule());
        assertNull(r.attributes());

        r = p.evaluate(route("10.2.0.0/16"));
        assertTrue(r.accepted());
        assertEquals(1, r.rule());
        assertEquals(200, r.attributes().localPref());
    }

    @Test
    void aRuleNeedsAllItsMatches() {
        Policy p = new Policy("p", List.of(Rule.accept(List.of(in("10.0.0.0/8"),
                new Match.PeerTypeMatch(PeerType.INTERNAL)), List.of())));
        assertFalse(p.evaluate(route("10.1.0.0/16")).accepted(), "eBGP: only one of two holds");
        assertTrue(p.evaluate(route("10.1.0.0/16").peerType(PeerType.INTERNAL)).accepted());
    }

    @Test
    void aRuleWithoutMatchesMatchesEverything() {
        Policy p = new Policy("p", List.of(Rule.reject(List.of(in("10.0.0.0/8"))), Rule.accept(List.of(), List.of())));
        assertTrue(p.evaluate(route("192.168.0.0/16")).accepted());
        assertEquals(1, p.evaluate(route("2001:db8::/32")).rule());
    }

    @Test
    void defaultVerdictIsRejectUnlessSaid() {
        Policy strict = new Policy("strict", List.of(Rule.accept(List.of(in("10.0.0.0/8")), List.of())));
        PolicyResult r = strict.evaluate(route("192.168.0.0/16"));
        assertFalse(r.accepted());
        assertEquals(PolicyResult.DEFAULT_VERDICT, r.rule());

        Policy lenient = new Policy("lenient", List.of(Rule.reject(List.of(in("10.0.0.0/8")))), Verdict.ACCEPT);
        Route other = route("192.168.0.0/16");
        r = lenient.evaluate(other);
        assertTrue(r.accepted());
        assertSame(ATTRS, r.attributes());
        assertEquals(PolicyResult.DEFAULT_VERDICT, r.rule());
    }

    @Test
    void builtIns() {
        Route r = route("10.0.0.0/8");
        PolicyResult all = Policy.ALL.evaluate(r);
        assertTrue(all.accepted());
        assertSame(ATTRS, all.attributes());
        assertEquals(NextHopAction.NONE, all.nextHop());
        assertEquals(-1, all.kernelPriority());
        assertFalse(Policy.NONE.evaluate(r).accepted());
        assertTrue(Policy.isBuiltIn("all"));
        assertTrue(Policy.isBuiltIn("none"));
        assertFalse(Policy.isBuiltIn("pods"));
    }

    @Test
    void unchangedAttributesAreTheSameInstance() {
        Route r = route("10.0.0.0/8");
        Policy noActions = new Policy("p", List.of(Rule.accept(List.of(), List.of())));
        assertSame(ATTRS, noActions.evaluate(r).attributes());

        Policy noOps = new Policy("p", List.of(Rule.accept(List.of(), List.of(new Action.SetLocalPref(100),
                new Action.RemoveCommunities(List.of(Community.NO_EXPORT)), new Action.SetNextHop(NextHopAction.KEEP),
                new Action.SetKernelPriority(7)))));
        PolicyResult res = noOps.evaluate(r);
        assertSame(ATTRS, res.attributes(), "every action a no-op");
        assertEquals(NextHopAction.KEEP, res.nextHop());
        assertEquals(7, res.kernelPriority());

        Policy undo = new Policy("p", List.of(Rule.accept(List.of(), List.of(
                new Action.AddCommunities(List.of(Community.NO_EXPORT)),
                new Action.RemoveCommunities(List.of(Community.NO_EXPORT))))));
        assertSame(ATTRS, undo.evaluate(r).attributes(), "an add undone by a remove");
    }

    @Test
    void actionsApplyInOrder() {
        Policy p = new Policy("p", List.of(Rule.accept(List.of(), List.of(new Action.SetMed(1), new Action.SetMed(2),
                new Action.SetNextHop(NextHopAction.KEEP), new Action.SetNextHop(NextHopAction.SELF),
                new Action.Prepend(65099, 1), new Action.Prepend(Action.Prepend.LOCAL_AS, 1)))));
        PolicyResult r = p.evaluate(route("10.0.0.0/8"));
        assertEquals(2, r.attributes().med(), "the last set wins");
        assertEquals(NextHopAction.SELF, r.nextHop());
        assertEquals(AsPath.sequence(Route.LOCAL_AS, 65099, 65001), r.attributes().asPath(), "each prepend in front");
    }

    @Test
    void aRejectingRuleHasNoActions() {
        assertThrows(IllegalArgumentException.class,
                () -> new Rule(List.of(), List.of(new Action.SetMed(1)), Verdict.REJECT));
    }

    @Test
    void theResultIsReusedAndRefilledWholly() {
        Policy p = new Policy("p", List.of(
                Rule.accept(List.of(in("10.0.0.0/8")), List.of(new Action.SetNextHop(NextHopAction.SELF),
                        new Action.SetKernelPriority(5)))));
        PolicyResult into = new PolicyResult();
        assertSame(into, p.evaluate(route("10.0.0.0/8"), into));
        assertEquals(5, into.kernelPriority());
        p.evaluate(route("192.168.0.0/16"), into);
        assertFalse(into.accepted());
        assertEquals(NextHopAction.NONE, into.nextHop(), "nothing left from the previous route");
        assertEquals(-1, into.kernelPriority());
        assertEquals("rejected by default", into.toString());
    }

    @Test
    void evaluatingWithoutChangesAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PathAttributes tagged = ATTRS.toBuilder().communities(List.of(Community.of(65000, 1))).build();
        Policy p = new Policy("p", List.of(
                Rule.reject(List.of(new Match.CommunityMatch(List.of(Community.of(65000, 666))))),
                Rule.reject(List.of(new Match.AsPathPrefixMatch(List.of(65099L)))),
                Rule.reject(List.of(new Match.InterfaceMatch("cali*", false))),
                Rule.accept(List.of(in("10.0.0.0/8"), new Match.FamilyMatch(Family.IPV4_UNICAST),
                        Match.SourceMatch.of(Source.Kind.PEER)), List.of(new Action.SetLocalPref(100),
                        new Action.AddCommunities(List.of(Community.of(65000, 1))),
                        new Action.SetNextHop(NextHopAction.SELF)))),
                Verdict.REJECT);
        Route[] routes = {route("10.1.0.0/16").attributes(tagged), route("10.2.0.0/16").attributes(tagged),
                route("192.168.0.0/16").attributes(tagged)};
        PolicyResult into = new PolicyResult();
        for (int i = 0; i < 20_000; i++) {
            p.evaluate(routes[i % routes.length], into);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            if (p.evaluate(routes[i % routes.length], into).accepted()) {
                accepted++;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(66_667, accepted);
        assertSame(tagged, into.attributes(), "the last route, accepted unchanged");
        assertTrue(allocated < 4096, "100000 evaluations allocated " + allocated + " bytes");
    }

    /**
     * A Calico BGPFilter, translated one to one:
     * <pre>
     * exportV4:
     *   - action: Accept, matchOperator: In, cidr: 10.244.0.0/16, prefixLength: {min: 26}, source: RemotePeers
     *   - action: Reject, interface: "*.calico"
     *   - action: Accept, matchOperator: In, cidr: 10.244.3.0/26
     *     operations: [{addCommunity: {value: "65000:100"}}, {prependASPath: {prefix: [64512, 64512]}}]
     * importV4:
     *   - action: Reject, matchOperator: NotIn, cidr: 10.0.0.0/8
     * </pre>
     * with Calico's fall-through to "accept" written as the default verdict.
     */
    @Test
    void calicoBgpFilterTranslatesOneToOne() {
        Match v4 = new Match.FamilyMatch(Family.IPV4_UNICAST);
        Policy export = new Policy("my-filter-export", List.of(
                Rule.accept(List.of(v4, new PrefixMatch(Prefix.parse("10.244.0.0/16"), IN, 26, 32),
                        Match.SourceMatch.of(Source.Kind.PEER)), List.of()),
                Rule.reject(List.of(v4, new Match.InterfaceMatch("*.calico", false))),
                Rule.accept(List.of(v4, PrefixMatch.of(Prefix.parse("10.244.3.0/26"), IN)), List.of(
                        new Action.AddCommunities(List.of(Community.of(65000, 100))),
                        new Action.Prepend(64512, 1), new Action.Prepend(64512, 1)))),
                Verdict.ACCEPT);
        Policy imports = new Policy("my-filter-import", List.of(
                Rule.reject(List.of(v4, PrefixMatch.of(Prefix.parse("10.0.0.0/8"), NOT_IN)))), Verdict.ACCEPT);

        PolicyResult fromPeer = export.evaluate(route("10.244.7.0/26"));
        assertTrue(fromPeer.accepted());
        assertEquals(0, fromPeer.rule());
        assertSame(ATTRS, fromPeer.attributes());

        Route vxlan = route("10.244.9.0/26").source(Source.Kind.KERNEL).interfaceName("vxlan.calico");
        assertFalse(export.evaluate(vxlan).accepted(), "a kernel route on vxlan.calico");

        Route block = route("10.244.3.0/26").source(Source.Kind.LOCAL);
        PolicyResult own = export.evaluate(block);
        assertEquals(2, own.rule());
        assertEquals(List.of(Community.of(65000, 100)), own.attributes().communities());
        assertEquals(AsPath.sequence(64512, 64512, 65001), own.attributes().asPath());

        assertTrue(export.evaluate(route("2001:db8::/32")).accepted(), "exportV4 rules leave IPv6 to the default");
        assertFalse(imports.evaluate(route("192.168.0.0/16")).accepted());
        assertTrue(imports.evaluate(route("10.9.0.0/16")).accepted());
        assertTrue(imports.evaluate(route("2001:db8::/32")).accepted());
    }
}
