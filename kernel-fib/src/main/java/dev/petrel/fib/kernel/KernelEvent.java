package dev.petrel.fib.kernel;

/** What the kernel's route, link and address notification groups report, one message at a time. */
public sealed interface KernelEvent {
    /** {@code RTM_NEWROUTE}: a route was added or replaced. */
    record RouteAdded(KernelRoute route) implements KernelEvent {}

    /** {@code RTM_DELROUTE}. */
    record RouteDeleted(KernelRoute route) implements KernelEvent {}

    /** {@code RTM_NEWLINK}: an interface appeared or changed (up/down, carrier, name). */
    record LinkChanged(KernelLink link) implements KernelEvent {}

    /** {@code RTM_DELLINK}. */
    record LinkDeleted(KernelLink link) implements KernelEvent {}

    /** {@code RTM_NEWADDR}. */
    record AddressAdded(KernelAddress address) implements KernelEvent {}

    /** {@code RTM_DELADDR}. */
    record AddressDeleted(KernelAddress address) implements KernelEvent {}

    /**
     * The monitor socket's receive buffer overflowed ({@code ENOBUFS}): some notifications were lost, and only a
     * full re-read of the kernel's state tells what they were.
     */
    record Overrun() implements KernelEvent {}
}
