package dev.petrel.bench.sessions;

import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.Capability;
import java.util.ArrayList;
import java.util.List;

/**
 * The few whole messages the benchmarks' lightweight speakers send ({@link TestSpeakers}, and the full-table
 * injector and receivers of {@code dev.petrel.bench.fulltable}), encoded once with Petrel's codec.
 */
public final class SpeakerMessages {
    /** Message types, RFC 4271 §4.1 and RFC 2918. */
    public static final int TYPE_OPEN = 1;
    public static final int TYPE_UPDATE = 2;
    public static final int TYPE_NOTIFICATION = 3;
    public static final int TYPE_KEEPALIVE = 4;
    public static final int TYPE_ROUTE_REFRESH = 5;

    /** A KEEPALIVE. Callers wrap it, never modify it. */
    public static final byte[] KEEPALIVE = MessageEncoder.toBytes(Keepalive.INSTANCE, SessionContext.INITIAL);

    /**
     * The IPv4 unicast End-of-RIB marker (RFC 4724 §2): an UPDATE without withdrawn routes, attributes or NLRI.
     */
    public static final byte[] END_OF_RIB_IPV4 = {
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 23, TYPE_UPDATE, 0, 0, 0, 0,
    };

    private SpeakerMessages() {}

    /**
     * An OPEN for {@code as} (AS_TRANS in My Autonomous System when it needs four octets) with the 4-octet AS
     * capability and Multiprotocol ipv4-unicast, and Route Refresh when asked.
     */
    public static byte[] open(long as, int holdSeconds, int routerId, boolean routeRefresh) {
        int myAs = as > 0xffff ? 23456 : (int) as;
        List<Capability> caps = new ArrayList<>(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST)));
        if (routeRefresh) {
            caps.add(new Capability.RouteRefresh());
        }
        caps.add(new Capability.FourOctetAs(as));
        return MessageEncoder.toBytes(new Open(myAs, holdSeconds, routerId, caps), SessionContext.INITIAL);
    }
}
