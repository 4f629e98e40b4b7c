package dev.petrel.fib.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.RtNetlinkKernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sockets in the JVM's own namespace, read-only: netlink sockets and dumps need no privilege. */
class NetlinkSocketTest {
    @Test
    void dumpsTheOwnNamespacesLinksAndClosesOnce() throws Exception {
        RtNetlinkKernel k = RtNetlinkKernel.open(null, 0);
        List<KernelLink> links;
        try {
            links = k.links();
            assertTrue(k.poll(0, e -> {}) >= 0, "a non-blocking poll returns at once");
        } finally {
            k.close();
        }
        assertTrue(links.stream().anyMatch(l -> l.name().equals("lo") && l.index() == 1), links.toString());
        k.close(); // again: no second close(2) of a number that may since belong to someone else
        KernelException e = assertThrows(KernelException.class, k::links);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void socketOptions() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(64 * 1024, 4096)) {
            assertTrue(s.receiveBufferSize() >= 64 * 1024, "the kernel reports twice what was set, at least");
            assertNotEquals(0, s.portId(), "bound to a kernel-chosen port");
            s.setReceiveTimeout(50);
            long t0 = System.nanoTime();
            assertEquals(NetlinkSocket.TIMEOUT, s.receive(true), "nothing was asked, so nothing comes");
            assertTrue(System.nanoTime() - t0 >= 40_000_000L, "SO_RCVTIMEO made it wait");
            assertEquals(NetlinkSocket.TIMEOUT, s.receiveBatch(false));
        }
    }

    @Test
    void namespaceNamesThatAreNotNames() {
        for (String bad : List.of("", "..", ".", "a/b", "../../etc")) {
            assertThrows(IllegalArgumentException.class, () -> NetNs.in(bad, () -> 1), bad);
        }
    }

    @Test
    void aMissingNamespaceIsAKernelException() {
        KernelException e = assertThrows(KernelException.class,
                () -> NetNs.in("petrel-nl-does-not-exist-" + System.nanoTime(), () -> 1));
        assertTrue(e.getMessage().contains("ENOENT") || e.getMessage().contains("errno 2"), e.getMessage());
    }
}
