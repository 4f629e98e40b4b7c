package dev.petrel.wire.attr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-place reads policy matches use: community membership and the start of the AS_PATH. */
class PolicyQueriesTest {
    @Test
    void hasCommunityScansTheHeldValues() {
        PathAttributes a = PathAttributes.builder()
                .communities(List.of(Community.of(65000, 100), Community.NO_EXPORT)).build();
        assertTrue(a.hasCommunity(Community.of(65000, 100).value()));
        assertTrue(a.hasCommunity(Community.NO_EXPORT.value()));
        assertFalse(a.hasCommunity(Community.of(65000, 101).value()));
        assertFalse(PathAttributes.EMPTY.hasCommunity(Community.NO_EXPORT.value()), "no COMMUNITIES at all");
    }

    @Test
    void hasLargeCommunityComparesAllThreeParts() {
        PathAttributes a = PathAttributes.builder().largeCommunities(List.of(new LargeCommunity(4200000000L, 1, 2),
                new LargeCommunity(65000, 0, 4294967295L))).build();
        assertTrue(a.hasLargeCommunity(new LargeCommunity(4200000000L, 1, 2)));
        assertTrue(a.hasLargeCommunity(new LargeCommunity(65000, 0, 4294967295L)), "unsigned parts");
        assertFalse(a.hasLargeCommunity(new LargeCommunity(4200000000L, 1, 3)));
        assertFalse(a.hasLargeCommunity(new LargeCommunity(4200000000L, 2, 2)));
        assertFalse(PathAttributes.EMPTY.hasLargeCommunity(new LargeCommunity(1, 2, 3)));
    }

    @Test
    void asPathStartsWithReadsTheLeadingSequence() {
        PathAttributes a = PathAttributes.builder().asPath(AsPath.sequence(65001, 65002, 4200000000L)).build();
        assertTrue(a.asPathStartsWith(List.of()));
        assertTrue(a.asPathStartsWith(List.of(65001L)));
        assertTrue(a.asPathStartsWith(List.of(65001L, 65002L, 4200000000L)));
        assertFalse(a.asPathStartsWith(List.of(65002L)), "a prefix, not a substring");
        assertFalse(a.asPathStartsWith(List.of(65001L, 65002L, 4200000000L, 1L)), "longer than the path");
        assertFalse(PathAttributes.EMPTY.asPathStartsWith(List.of(65001L)), "no AS_PATH");
        assertTrue(PathAttributes.EMPTY.asPathStartsWith(List.of()));
    }

    @Test
    void asPathStartsWithCrossesSplitSegmentsButStopsAtASet() {
        long[] asns = new long[300];
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < asns.length; i++) {
            asns[i] = 64512 + i;
            if (i < 257) {
                first.add(asns[i]);
            }
        }
        PathAttributes longPath = PathAttributes.builder().asPath(AsPath.sequence(asns)).build();
        assertTrue(longPath.asPathStartsWith(first), "held as segments of 255 and 45");

        AsPath withSet = new AsPath(List.of(
                new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, List.of(65001L)),
                new AsPath.Segment(AsPath.SegmentType.AS_SET, List.of(65002L, 65003L))));
        PathAttributes a = PathAttributes.builder().asPath(withSet).build();
        assertTrue(a.asPathStartsWith(List.of(65001L)));
        assertFalse(a.asPathStartsWith(List.of(65001L, 65002L)), "an AS_SET has no order to match");
    }
}
