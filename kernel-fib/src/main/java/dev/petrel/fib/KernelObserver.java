package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelRoute;
import java.util.List;

/**
 * Who else wants to know what the kernel holds: the learner (kernel routes and connected subnets into the RIB)
 * and the guard's view of this node's addresses. Called on the FIB thread.
 */
public interface KernelObserver {
    KernelObserver NONE = new KernelObserver() {
        @Override
        public void reset(List<KernelLink> links, List<KernelAddress> addresses, List<KernelRoute> routes) {}

        @Override
        public void event(KernelEvent event) {}
    };

    /** A full read of the kernel: at start and after lost notifications. */
    void reset(List<KernelLink> links, List<KernelAddress> addresses, List<KernelRoute> routes);

    /** One notification. */
    void event(KernelEvent event);

    /** The index of the interface that holds {@code ourAddress}, or 0: where a link-local next hop is. */
    default int interfaceOf(java.net.InetAddress ourAddress) {
        return 0;
    }
}
