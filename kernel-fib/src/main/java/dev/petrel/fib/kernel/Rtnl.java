package dev.petrel.fib.kernel;

/** The rtnetlink numbers Petrel uses, with the names of {@code linux/rtnetlink.h}. */
public final class Rtnl {
    private Rtnl() {}

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    // rtm_type
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;

    // rtm_protocol
    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_REDIRECT = 1;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    public static final int RTPROT_BIRD = 12;
    public static final int RTPROT_BGP = 186;

    // rtm_scope
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;

    // tables
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    /**
     * The metric the kernel gives an IPv6 route that asks for none (or for 0): {@code IP6_RT_PRIO_USER}. An IPv6
     * route of metric 0 cannot exist, so Petrel writes this instead (see {@link KernelRoute#priority}).
     */
    public static final int IP6_RT_PRIO_USER = 1024;

    // rtnh_flags / rtm_flags
    public static final int RTNH_F_ONLINK = 4;

    /** The name of a route type, as {@code ip route} prints it. */
    public static String typeName(int type) {
        return switch (type) {
            case RTN_UNICAST -> "unicast";
            case RTN_LOCAL -> "local";
            case RTN_BROADCAST -> "broadcast";
            case RTN_ANYCAST -> "anycast";
            case RTN_MULTICAST -> "multicast";
            case RTN_BLACKHOLE -> "blackhole";
            case RTN_UNREACHABLE -> "unreachable";
            case RTN_PROHIBIT -> "prohibit";
            default -> "type " + type;
        };
    }
}
