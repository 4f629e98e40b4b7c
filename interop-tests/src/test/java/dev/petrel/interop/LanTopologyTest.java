package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link LanTopology}'s own promises: hosts addressed in the order given, and nothing left after close. */
@Tag("interop")
class LanTopologyTest {

    @BeforeEach
    void requireInterop() {
        InteropSupport.requireInterop();
    }

    @Test
    void hostsAreAddressedInOrderAndCloseStopsAndDeletesEverything() {
        LanTopology t = LanTopology.create("lantopology", "a", "b");
        Netns a;
        Netns b;
        Petrel petrel;
        Path work = t.net().workDir();
        try {
            a = t.host("a");
            b = t.host("b");
            assertEquals(t.lan().v4Prefix() + "1", t.addr(a));
            assertEquals(t.lan().v4Prefix() + "2", t.addr(b));
            assertEquals(t.lan().v6Prefix() + "2", t.addr6(b));
            Router.Spec spec = t.spec("b", b, 65001);
            assertEquals(List.of(t.addr(b), t.addr(b), t.addr6(b)),
                    List.of(spec.routerId(), spec.address(), spec.address6()));
            assertThrows(IllegalArgumentException.class, () -> t.host("c"));
            PetrelConf conf = t.petrelConf(a, 65002);
            petrel = t.petrel(a, conf);
            assertTrue(petrel.isAlive());
            t.awaitEstablished(); // no peers: nothing to wait for
        } finally {
            t.close();
        }
        assertFalse(petrel.isAlive(), "Petrel still runs");
        assertFalse(a.exists(), "netns a still exists");
        assertFalse(b.exists(), "netns b still exists");
        assertFalse(t.lan().sw().exists(), "the switch's netns still exists");
        assertFalse(Files.exists(work), "work dir still exists");
        t.close(); // idempotent
    }

    @Test
    void aTopologyThatFailsHalfWayDeletesWhatItCreated() {
        // The second role is invalid: the first namespace exists by then, and must not survive the failure.
        assertThrows(IllegalArgumentException.class, () -> LanTopology.create("lantopology", "zq9", "Bad!"));
        String left = Exec.run("ip", "netns", "list").orThrow().stdout();
        assertTrue(left.lines().noneMatch(l -> l.startsWith("pzq9")), left);
    }
}
