package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.Rtnl;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * {@code RTM_NEWADDR}/{@code RTM_DELADDR}: {@code struct ifaddrmsg} (8 bytes: {@code ifa_family} u8,
 * {@code ifa_prefixlen} u8, {@code ifa_flags} u8, {@code ifa_scope} u8, {@code ifa_index} u32) and
 * {@code IFA_LOCAL}/{@code IFA_ADDRESS}.
 */
public final class AddressMessages {
    private AddressMessages() {}

    public static final int IFADDRMSG_SIZE = 8;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;

    /**
     * The address, or null for a family other than IPv4 and IPv6 or a message with neither attribute. IFA_LOCAL
     * wins: on a point-to-point link IFA_ADDRESS is the peer's; IPv6 sends only IFA_ADDRESS.
     */
    public static KernelAddress decode(ByteBuffer b, int offset, int len) {
        int end = offset + len;
        int ifa = offset + NlMsgHdr.SIZE;
        if (end - ifa < IFADDRMSG_SIZE) {
            throw new MalformedNetlinkException("address message of " + len + " bytes is too short for its ifaddrmsg");
        }
        int family = Byte.toUnsignedInt(b.get(ifa));
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            return null;
        }
        int addrLen = family == Rtnl.AF_INET ? 4 : 16;
        int prefixLen = Byte.toUnsignedInt(b.get(ifa + 1));
        int index = b.getInt(ifa + 4);
        int local = -1;
        int address = -1;
        for (int a = ifa + IFADDRMSG_SIZE; a < end; a = RtAttr.next(b, a, end)) {
            RtAttr.checked(b, a, end, "address message");
            switch (RtAttr.type(b, a)) {
                case IFA_LOCAL -> {
                    RtAttr.requireLength(b, a, addrLen, "IFA_LOCAL");
                    local = a;
                }
                case IFA_ADDRESS -> {
                    RtAttr.requireLength(b, a, addrLen, "IFA_ADDRESS");
                    address = a;
                }
                default -> {}
            }
        }
        int chosen = local >= 0 ? local : address;
        if (chosen < 0) {
            return null;
        }
        InetAddress addr = InetAddresses.read(b, RtAttr.payload(chosen), addrLen, "IFA_LOCAL/IFA_ADDRESS");
        return new KernelAddress(index, addr, prefixLen);
    }
}
