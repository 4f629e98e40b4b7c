package dev.petrel.rib;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.ThreadMXBean;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.PathAttributes;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variant the RIB calls: a prefix's paths linked through {@code Path.next}, walked without allocating. */
class PathListTest {
    static final DecisionOptions O = DecisionOptions.DEFAULT;

    static Source peer(int id, PeerType type, String routerId, String address) {
        try {
            return new Source(id, "peer" + id, Source.Kind.PEER, type, 65001, Route.id(routerId),
                    InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    static Path path(Source source, int pathId, PathAttributes attributes) {
        Path p = new Path(source, pathId);
        p.received = attributes;
        p.attributes = attributes;
        p.flag(Path.ELIGIBLE, true);
        return p;
    }

    static Path ineligible(Source source, String why) {
        Path p = new Path(source, 0);
        p.received = Route.BASE_ATTRIBUTES;
        p.ineligible = why;
        return p;
    }

    /** Links {@code paths} in this order; returns the head. */
    static Path link(List<Path> paths) {
        for (int i = 0; i < paths.size(); i++) {
            paths.get(i).next = i + 1 < paths.size() ? paths.get(i + 1) : null;
        }
        return paths.isEmpty() ? null : paths.getFirst();
    }

    static PathAttributes attrs(long med, long... asns) {
        return Route.BASE_ATTRIBUTES.toBuilder().med(med).asPath(AsPath.sequence(asns)).build();
    }

    // The classic MED cycle of MedTest, as Paths.
    final Path r1 = path(peer(1, PeerType.EXTERNAL, "10.0.0.1", "192.0.2.1"), 0, attrs(200, 65001, 65002));
    final Path r2 = path(peer(2, PeerType.EXTERNAL, "10.0.0.2", "192.0.2.2"), 0, attrs(150, 65010, 65002));
    final Path r3 = path(peer(3, PeerType.EXTERNAL, "10.0.0.3", "192.0.2.3"), 0, attrs(100, 65001, 65002));
    final Path looped = ineligible(peer(4, PeerType.EXTERNAL, "10.0.0.0", "192.0.2.0"), "AS loop");

    @Test
    void ineligiblePathsAreSkipped() {
        assertNull(BestPath.best(link(List.of(looped)), O));
        assertNull(BestPath.best((Path) null, O));
        assertSame(r1, BestPath.best(link(List.of(looped, r1)), O));
    }

    @Test
    void deterministicMedOverTheListInEveryOrder() {
        for (List<Path> order : MedTest.permutations(List.of(r1, r2, r3, looped))) {
            assertSame(r2, BestPath.best(link(order), O), order.toString());
        }
    }

    @Test
    void addPathPathsFromOnePeerAreOrderedByPathId() {
        Source s = peer(5, PeerType.INTERNAL, "10.0.0.5", "192.0.2.5");
        Path p7 = path(s, 7, attrs(0, 65001, 65002));
        Path p3 = path(s, 3, attrs(0, 65001, 65002));
        assertEquals(-DecisionStep.PATH_ID.code(), BestPath.compare(p3, p7, O));
        assertSame(p3, BestPath.best(link(List.of(p7, p3)), O));
        assertSame(p3, BestPath.best(link(List.of(p3, p7)), O));
    }

    @Test
    void selectFillsTheCallersArray() {
        Path b = path(peer(6, PeerType.EXTERNAL, "10.0.0.6", "192.0.2.6"), 0, attrs(200, 65001, 65002));
        Path[] out = new Path[4];
        DecisionOptions ecmp = O.withMaxPaths(4);
        // r1 and b tie with each other up to IGP cost; r3 wins on MED; r2's AS needs relax.
        assertEquals(1, BestPath.select(link(List.of(r1, r2, r3, b, looped)), ecmp, out));
        assertSame(r2, out[0]);
        assertEquals(2, BestPath.select(link(List.of(b, looped, r1)), ecmp, out));
        assertArrayEquals(new Path[] {r1, b}, new Path[] {out[0], out[1]});
        assertEquals(0, BestPath.select(link(List.of(looped)), ecmp, out));
    }

    @Test
    void explainListsIneligiblePathsWithTheirReason() {
        Explanation<Path> x = BestPath.explain(link(List.of(looped, r1, r2, r3)), O);
        assertSame(r2, x.best());
        Explanation.Entry<Path> last = x.entries().getLast();
        assertSame(looped, last.candidate());
        assertEquals("not eligible: AS loop", last.reason());
        assertEquals(0, last.rank());
        assertEquals(4, x.entries().size());
        Path noReason = ineligible(peer(8, PeerType.EXTERNAL, "10.0.0.8", "192.0.2.8"), null);
        assertEquals("not eligible", BestPath.explain(noReason, O).entries().getFirst().reason());
    }

    @Test
    void bestAndSelectDoNotAllocate() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Three neighbour ASes for deterministic MED, ADD-PATH paths from one iBGP source (to the path id step),
        // an ineligible one, and multipath over identical AS_PATHs.
        Source ibgp = peer(7, PeerType.INTERNAL, "10.0.0.7", "192.0.2.7");
        Path a = path(ibgp, 1, attrs(0, 65020, 65002));
        Path b = path(ibgp, 2, attrs(0, 65020, 65002));
        Path head = link(List.of(r1, looped, r2, a, r3, b));
        Path[] out = new Path[4];
        DecisionOptions ecmp = O.withMaxPaths(4);
        DecisionOptions onePass = O.withDeterministicMed(false);
        Path ibgpHead = link(List.of(path(ibgp, 1, attrs(0, 65020, 65002)), path(ibgp, 2, attrs(0, 65020, 65002))));
        Runnable work = () -> {
            BestPath.best(head, O);
            BestPath.best(head, onePass);
            BestPath.select(head, ecmp, out);
            BestPath.select(ibgpHead, ecmp, out);
        };
        for (int i = 0; i < 20_000; i++) {
            work.run();
        }
        assertEquals(2, BestPath.select(ibgpHead, ecmp, out), "the iBGP pair shares ECMP");
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            work.run();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        // Anything allocated per call would be at least 16 bytes x 40,000 calls.
        assertTrue(allocated < 10_000, allocated + " bytes allocated");
    }
}
