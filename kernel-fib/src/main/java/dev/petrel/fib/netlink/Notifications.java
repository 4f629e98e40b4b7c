package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelRoute;
import java.nio.ByteBuffer;

/** One message from the route, link and address groups as a {@link KernelEvent}. */
public final class Notifications {
    private Notifications() {}

    /**
     * The event of the message at {@code offset} of checked length {@code len}, or null for a message that is not
     * one (another type, or a family other than IPv4/IPv6). Everything else is delivered, local-table routes
     * included: filtering is the caller's job.
     */
    public static KernelEvent decode(ByteBuffer b, int offset, int len) {
        return switch (NlMsgHdr.type(b, offset)) {
            case RtMsg.RTM_NEWROUTE -> {
                KernelRoute r = RouteMessages.decode(b, offset, len);
                yield r == null ? null : new KernelEvent.RouteAdded(r);
            }
            case RtMsg.RTM_DELROUTE -> {
                KernelRoute r = RouteMessages.decode(b, offset, len);
                yield r == null ? null : new KernelEvent.RouteDeleted(r);
            }
            case RtMsg.RTM_NEWLINK -> new KernelEvent.LinkChanged(LinkMessages.decode(b, offset, len));
            case RtMsg.RTM_DELLINK -> {
                KernelLink l = LinkMessages.decode(b, offset, len);
                yield new KernelEvent.LinkDeleted(l);
            }
            case RtMsg.RTM_NEWADDR -> {
                KernelAddress a = AddressMessages.decode(b, offset, len);
                yield a == null ? null : new KernelEvent.AddressAdded(a);
            }
            case RtMsg.RTM_DELADDR -> {
                KernelAddress a = AddressMessages.decode(b, offset, len);
                yield a == null ? null : new KernelEvent.AddressDeleted(a);
            }
            case NlMsgHdr.NLMSG_OVERRUN -> new KernelEvent.Overrun();
            default -> null;
        };
    }
}
