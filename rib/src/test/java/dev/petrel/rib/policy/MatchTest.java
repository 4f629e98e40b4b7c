package dev.petrel.rib.policy;

import static dev.petrel.rib.policy.Match.PrefixMatch.Operator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.Match.PrefixMatch;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each match on its own, holding and not holding. */
class MatchTest {
    private static PrefixMatch prefix(String cidr, PrefixMatch.Operator op) {
        return PrefixMatch.of(Prefix.parse(cidr), op);
    }

    private static PrefixMatch prefix(String cidr, PrefixMatch.Operator op, int min, int max) {
        return new PrefixMatch(Prefix.parse(cidr), op, min, max);
    }

    @Test
    void equalIsThePrefixItself() {
        PrefixMatch m = prefix("10.1.0.0/16", EQUAL);
        assertTrue(m.test(Route.of("10.1.0.0/16")));
        assertFalse(m.test(Route.of("10.1.2.0/24")), "more specific is not equal");
        assertFalse(m.test(Route.of("10.0.0.0/8")));
        assertFalse(m.test(Route.of("10.1.0.0/17")), "same address, other length");
    }

    @Test
    void notEqualIsEverythingElseOfTheFamily() {
        PrefixMatch m = prefix("10.1.0.0/16", NOT_EQUAL);
        assertFalse(m.test(Route.of("10.1.0.0/16")));
        assertTrue(m.test(Route.of("10.1.2.0/24")));
        assertTrue(m.test(Route.of("192.168.0.0/16")));
        assertFalse(m.test(Route.of("2001:db8::/32")), "an IPv4 CIDR says nothing about IPv6 routes");
    }

    @Test
    void inIsTheCidrOrMoreSpecific() {
        PrefixMatch m = prefix("10.0.0.0/8", IN);
        assertTrue(m.test(Route.of("10.0.0.0/8")), "equal counts as in (Calico, BIRD net ~)");
        assertTrue(m.test(Route.of("10.1.0.0/16")));
        assertTrue(m.test(Route.of("10.255.255.255/32")));
        assertFalse(m.test(Route.of("0.0.0.0/0")), "less specific is not in");
        assertFalse(m.test(Route.of("11.0.0.0/8")));
        assertFalse(m.test(Route.of("2001:db8::/32")));
    }

    @Test
    void notInIsOutsideTheCidrButInTheFamily() {
        PrefixMatch m = prefix("10.0.0.0/8", NOT_IN);
        assertFalse(m.test(Route.of("10.1.0.0/16")));
        assertTrue(m.test(Route.of("11.0.0.0/8")));
        assertTrue(m.test(Route.of("0.0.0.0/0")));
        assertFalse(m.test(Route.of("2001:db8::/32")), "the other family never matches");
    }

    @Test
    void lengthRangeNarrowsIn() {
        PrefixMatch m = prefix("10.0.0.0/8", IN, 24, 26);
        assertFalse(m.test(Route.of("10.1.0.0/16")), "inside but too short");
        assertTrue(m.test(Route.of("10.1.2.0/24")));
        assertTrue(m.test(Route.of("10.1.2.64/26")));
        assertFalse(m.test(Route.of("10.1.2.1/32")), "inside but too long");
        assertFalse(m.test(Route.of("11.1.2.0/24")), "right length, outside");
    }

    @Test
    void lengthRangeNarrowsNotInAsItsNegation() {
        PrefixMatch m = prefix("10.0.0.0/8", NOT_IN, 24, 26);
        assertTrue(m.test(Route.of("10.1.0.0/16")), "not within /24-/26 of 10/8");
        assertFalse(m.test(Route.of("10.1.2.0/24")));
        assertTrue(m.test(Route.of("11.1.2.0/24")));
    }

    @Test
    void ipv6Prefixes() {
        assertTrue(prefix("2001:db8::/32", IN).test(Route.of("2001:db8:1::/48")));
        assertFalse(prefix("2001:db8::/32", IN).test(Route.of("2001:db9::/48")));
        assertTrue(prefix("2001:db8::/32", IN, 48, 64).test(Route.of("2001:db8:0:1::/64")));
        assertFalse(prefix("2001:db8::/32", IN, 48, 64).test(Route.of("2001:db8::1/128")));
        assertTrue(prefix("2001:db8:0:0:1::/80", IN).test(Route.of("2001:db8::1:0:0:1/128")), "past 64 bits");
        assertFalse(prefix("2001:db8:0:0:1::/80", IN).test(Route.of("2001:db8::2:0:0:1/128")));
        assertTrue(prefix("2001:db8::/32", EQUAL).test(Route.of("2001:db8::/32")));
        assertTrue(prefix("2001:db8::/32", NOT_IN).test(Route.of("fd00::/8")));
        assertFalse(prefix("2001:db8::/32", NOT_IN).test(Route.of("10.0.0.0/8")));
        assertTrue(prefix("::/0", IN).test(Route.of("fd00::/8")), "the default route covers the family");
        assertFalse(prefix("::/0", IN).test(Route.of("0.0.0.0/0")));
    }

    @Test
    void lengthRangesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> prefix("10.0.0.0/8", IN, 4, 24), "below /8");
        assertThrows(IllegalArgumentException.class, () -> prefix("10.0.0.0/8", IN, 8, 33));
        assertThrows(IllegalArgumentException.class, () -> prefix("10.0.0.0/8", IN, 24, 16));
        assertThrows(IllegalArgumentException.class, () -> prefix("10.0.0.0/8", EQUAL, 8, 24), "no range on equal");
        assertEquals(128, prefix("2001:db8::/32", IN).maxLength());
        assertEquals(32, prefix("2001:db8::/32", EQUAL).maxLength());
    }

    @Test
    void family() {
        Match v6 = new Match.FamilyMatch(Family.IPV6_UNICAST);
        assertTrue(v6.test(Route.of("2001:db8::/32")));
        assertFalse(v6.test(Route.of("10.0.0.0/8")));
    }

    @Test
    void sourceIsAnyOfTheKinds() {
        Match kernel = Match.SourceMatch.of(Source.Kind.KERNEL);
        assertTrue(kernel.test(new Route().source(Source.Kind.KERNEL)));
        assertFalse(kernel.test(new Route().source(Source.Kind.PEER)));
        Match local = new Match.SourceMatch(EnumSet.of(Source.Kind.LOCAL, Source.Kind.KERNEL));
        assertTrue(local.test(new Route().source(Source.Kind.LOCAL)));
        assertTrue(local.test(new Route().source(Source.Kind.KERNEL)));
        assertFalse(local.test(new Route().source(Source.Kind.PEER)));
        assertTrue(Match.SourceMatch.of(Source.Kind.PEER).test(new Route()));
    }

    @Test
    void peerTypeOfTheSession() {
        Match ibgp = new Match.PeerTypeMatch(PeerType.INTERNAL);
        assertTrue(ibgp.test(new Route().peerType(PeerType.INTERNAL)));
        assertFalse(ibgp.test(new Route().peerType(PeerType.EXTERNAL)));
        assertFalse(ibgp.test(new Route().peerType(null)), "no session: never");
    }

    @Test
    void interfaceGlobs() {
        Match cali = new Match.InterfaceMatch("cali*", false);
        assertTrue(cali.test(new Route().interfaceName("cali12345abcdef")));
        assertTrue(cali.test(new Route().interfaceName("cali")), "* may be empty");
        assertFalse(cali.test(new Route().interfaceName("eth0")));
        assertFalse(cali.test(new Route().interfaceName("xcali1")), "anchored at the start");
        assertFalse(cali.test(new Route()), "no interface");

        Match vxlan = new Match.InterfaceMatch("*.calico", false);
        assertTrue(vxlan.test(new Route().interfaceName("vxlan.calico")));
        assertFalse(vxlan.test(new Route().interfaceName("vxlan.calico0")), "anchored at the end");

        assertTrue(new Match.InterfaceMatch("eth?", false).test(new Route().interfaceName("eth1")));
        assertFalse(new Match.InterfaceMatch("eth?", false).test(new Route().interfaceName("eth10")));
        assertTrue(new Match.InterfaceMatch("eth0", false).test(new Route().interfaceName("eth0")));
        assertTrue(new Match.InterfaceMatch("*a*b*", false).test(new Route().interfaceName("xxaybbz")));
        assertFalse(new Match.InterfaceMatch("*a*b", false).test(new Route().interfaceName("xxaybbz")));
    }

    @Test
    void interfaceExclusion() {
        Match notCali = new Match.InterfaceMatch("cali*", true);
        assertFalse(notCali.test(new Route().interfaceName("cali1")));
        assertTrue(notCali.test(new Route().interfaceName("eth0")));
        assertTrue(notCali.test(new Route()), "a route without an interface is not on a cali* one");
    }

    @Test
    void communityIsAnyOfTheList() {
        Match m = new Match.CommunityMatch(List.of(Community.of(65000, 1), Community.of(65000, 2)));
        PathAttributes has2 = PathAttributes.builder().communities(List.of(Community.of(65000, 2))).build();
        PathAttributes has3 = PathAttributes.builder().communities(List.of(Community.of(65000, 3))).build();
        assertTrue(m.test(new Route().attributes(has2)));
        assertFalse(m.test(new Route().attributes(has3)));
        assertFalse(m.test(new Route()), "no COMMUNITIES");
    }

    @Test
    void largeCommunityIsAnyOfTheList() {
        Match m = new Match.LargeCommunityMatch(List.of(new LargeCommunity(65000, 1, 2)));
        PathAttributes has = PathAttributes.builder()
                .largeCommunities(List.of(new LargeCommunity(65000, 0, 0), new LargeCommunity(65000, 1, 2))).build();
        PathAttributes other = PathAttributes.builder().largeCommunities(List.of(new LargeCommunity(65000, 1, 3)))
                .build();
        assertTrue(m.test(new Route().attributes(has)));
        assertFalse(m.test(new Route().attributes(other)));
        assertFalse(m.test(new Route()));
    }

    @Test
    void asPathPrefixIsTheStartOfThePath() {
        Match m = new Match.AsPathPrefixMatch(List.of(65001L, 65002L));
        PathAttributes starts = PathAttributes.builder().asPath(AsPath.sequence(65001, 65002, 65003)).build();
        PathAttributes contains = PathAttributes.builder().asPath(AsPath.sequence(65000, 65001, 65002)).build();
        assertTrue(m.test(new Route().attributes(starts)));
        assertFalse(m.test(new Route().attributes(contains)));
        assertFalse(m.test(new Route()), "no AS_PATH");
        assertThrows(IllegalArgumentException.class, () -> new Match.AsPathPrefixMatch(List.of()));
    }

    @Test
    void nextHopAddressOrPrefix() {
        Match one = new Match.NextHopMatch(Prefix.parse("192.0.2.1/32"));
        Match net = new Match.NextHopMatch(Prefix.parse("192.0.2.0/24"));
        Match v6 = new Match.NextHopMatch(Prefix.parse("fd00::/8"));
        assertTrue(one.test(new Route().nextHop("192.0.2.1")));
        assertFalse(one.test(new Route().nextHop("192.0.2.2")));
        assertTrue(net.test(new Route().nextHop("192.0.2.200")));
        assertFalse(net.test(new Route().nextHop("198.51.100.1")));
        assertFalse(net.test(new Route().nextHop(null)), "no next hop");
        assertFalse(net.test(new Route().nextHop("fd00::1")), "other family");
        assertTrue(v6.test(new Route().nextHop("fd00::1")));
        assertFalse(v6.test(new Route().nextHop("2001:db8::1")));
    }

    @Test
    void kernelPriority() {
        Match m = new Match.KernelPriorityMatch(100);
        assertTrue(m.test(new Route().kernelPriority(100)));
        assertFalse(m.test(new Route().kernelPriority(101)));
        assertFalse(m.test(new Route()), "none");
    }
}
