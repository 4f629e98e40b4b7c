package dev.petrel.rib.policy;

import dev.petrel.rib.Source;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/** PLACEHOLDER until the policy branch lands: what a policy rule may look at. */
public interface PolicyInput {
    Family family();

    Prefix prefix();

    Source.Kind sourceKind();

    PeerType peerType();

    String interfaceName();

    PathAttributes attributes();

    InetAddress nextHop();

    long localAs();
}
