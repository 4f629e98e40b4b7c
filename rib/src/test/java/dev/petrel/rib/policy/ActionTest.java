package dev.petrel.rib.policy;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each action on its own: what it changes, and that it hands back the same instance when it changes nothing. */
class ActionTest {
    private static final Community A = Community.of(65000, 1);
    private static final Community B = Community.of(65000, 2);
    private static final LargeCommunity LA = new LargeCommunity(65000, 1, 1);
    private static final LargeCommunity LB = new LargeCommunity(65000, 1, 2);

    private static final PathAttributes BASE = PathAttributes.builder().origin(Origin.IGP)
            .asPath(AsPath.sequence(65001, 65002)).nextHop("192.0.2.1").localPref(100).med(5)
            .communities(List.of(A)).largeCommunities(List.of(LA)).build();

    private static PathAttributes apply(Action a) {
        return a.apply(BASE, new Route().attributes(BASE));
    }

    @Test
    void addCommunitiesAppendsTheMissingOnes() {
        PathAttributes out = apply(new Action.AddCommunities(List.of(B, A, B)));
        assertEquals(List.of(A, B), out.communities(), "A kept in place, B once");
        assertSame(BASE, apply(new Action.AddCommunities(List.of(A))), "already there: same instance");
        PathAttributes none = PathAttributes.EMPTY;
        assertEquals(List.of(B), new Action.AddCommunities(List.of(B)).apply(none, new Route()).communities());
    }

    @Test
    void removeCommunitiesRemovesEveryOccurrence() {
        PathAttributes twice = BASE.toBuilder().communities(List.of(A, B, A)).build();
        PathAttributes out = new Action.RemoveCommunities(List.of(A)).apply(twice, new Route());
        assertEquals(List.of(B), out.communities());
        assertSame(BASE, apply(new Action.RemoveCommunities(List.of(B))), "absent: same instance");
        PathAttributes empty = apply(new Action.RemoveCommunities(List.of(A)));
        assertFalse(empty.has(8), "the last one gone: no empty COMMUNITIES attribute");
    }

    @Test
    void largeCommunities() {
        assertEquals(List.of(LA, LB), apply(new Action.AddLargeCommunities(List.of(LB))).largeCommunities());
        assertSame(BASE, apply(new Action.AddLargeCommunities(List.of(LA))));
        assertEquals(List.of(), apply(new Action.RemoveLargeCommunities(List.of(LA))).largeCommunities());
        assertSame(BASE, apply(new Action.RemoveLargeCommunities(List.of(LB))));
    }

    @Test
    void prependOurOwnAsIntoTheFirstSequence() {
        PathAttributes out = apply(new Action.Prepend(Action.Prepend.LOCAL_AS, 2));
        assertEquals(AsPath.sequence(Route.LOCAL_AS, Route.LOCAL_AS, 65001, 65002), out.asPath());
        assertEquals(4, out.asPathLength());
    }

    @Test
    void prependAnotherAs() {
        PathAttributes out = apply(new Action.Prepend(65099, 1));
        assertEquals(AsPath.sequence(65099, 65001, 65002), out.asPath());
    }

    @Test
    void prependBeforeASetStartsASequence() {
        AsPath set = new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_SET, List.of(65001L, 65002L))));
        PathAttributes a = BASE.toBuilder().asPath(set).build();
        PathAttributes out = new Action.Prepend(65099, 1).apply(a, new Route());
        assertEquals("65099 {65001 65002}", out.asPath().toString());
    }

    @Test
    void prependOntoNoPath() {
        PathAttributes out = new Action.Prepend(Action.Prepend.LOCAL_AS, 1).apply(PathAttributes.EMPTY, new Route());
        assertEquals(AsPath.sequence(Route.LOCAL_AS), out.asPath());
        PathAttributes empty = PathAttributes.builder().asPath(AsPath.EMPTY).build();
        assertEquals(AsPath.sequence(65099, 65099), new Action.Prepend(65099, 2).apply(empty, new Route()).asPath());
    }

    @Test
    void prependCountIsOneToTen() {
        assertThrows(IllegalArgumentException.class, () -> new Action.Prepend(65000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Action.Prepend(65000, 11));
        assertEquals(10, new Action.Prepend(65000, 10).count());
    }

    @Test
    void localPref() {
        assertEquals(200, apply(new Action.SetLocalPref(200)).localPref());
        assertSame(BASE, apply(new Action.SetLocalPref(100)));
        assertEquals(4294967295L, apply(new Action.SetLocalPref(4294967295L)).localPref());
        assertEquals(7, new Action.SetLocalPref(7).apply(PathAttributes.EMPTY, new Route()).localPref(), "added");
        assertThrows(IllegalArgumentException.class, () -> new Action.SetLocalPref(-1));
    }

    @Test
    void med() {
        assertEquals(10, apply(new Action.SetMed(10)).med());
        assertSame(BASE, apply(new Action.SetMed(5)));
        assertThrows(IllegalArgumentException.class, () -> new Action.SetMed(4294967296L));
    }

    @Test
    void nextHopAndKernelPriorityLeaveTheAttributesAlone() {
        assertSame(BASE, apply(new Action.SetNextHop(NextHopAction.SELF)));
        assertSame(BASE, apply(new Action.SetKernelPriority(100)));
        assertThrows(IllegalArgumentException.class, () -> new Action.SetNextHop(NextHopAction.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Action.SetKernelPriority(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new Action.SetKernelPriority(Action.SetKernelPriority.MAX + 1));
    }

    @Test
    void otherAttributesAreKept() {
        PathAttributes out = apply(new Action.SetMed(10));
        assertEquals(BASE.toBuilder().med(10).build(), out);
        assertEquals(BASE.origin(), out.origin());
        assertEquals(BASE.asPath(), out.asPath());
        assertEquals(BASE.nextHop(), out.nextHop());
    }
}
