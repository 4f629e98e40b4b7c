package dev.petrel.wire;

import dev.petrel.wire.cap.Capability;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the two OPENs of a session into the {@link SessionContext} for the messages one side receives: what both
 * sides advertised (RFC 5492 §3), per direction where the capability is directional (ADD-PATH, RFC 7911 §4).
 * Checks against configuration (peer AS, required capabilities, roles) belong to the session, not here.
 */
public final class Negotiation {
    private Negotiation() {}

    /**
     * The context in which {@code receiver} decodes what {@code sender} sends (and encodes what it sends back).
     *
     * @param enforceFirstAs apply the leftmost-AS check to eBGP routes (off for route servers)
     */
    public static SessionContext receiving(Open receiver, Open sender, boolean enforceFirstAs) {
        boolean fourOctet = has(receiver, Capability.FourOctetAs.class) && has(sender, Capability.FourOctetAs.class);
        boolean extended = has(receiver, Capability.ExtendedMessage.class)
                && has(sender, Capability.ExtendedMessage.class);
        Set<Family> families = advertisedFamilies(receiver);
        families.retainAll(advertisedFamilies(sender));
        Set<Family> rx = new HashSet<>();
        Set<Family> tx = new HashSet<>();
        // RFC 5492 §4: a capability may appear more than once; every instance counts (BIRD and FRR do the same).
        List<Capability.AddPathFamily> mine = addPathFamilies(receiver);
        List<Capability.AddPathFamily> theirs = addPathFamilies(sender);
        {
            for (Capability.AddPathFamily m : mine) {
                for (Capability.AddPathFamily t : theirs) {
                    if (m.family().equals(t.family()) && families.contains(m.family())) {
                        if (m.receive() && t.send()) {
                            rx.add(m.family());
                        }
                        if (m.send() && t.receive()) {
                            tx.add(m.family());
                        }
                    }
                }
            }
        }
        Set<Family> enh = new HashSet<>();
        List<Capability.ExtendedNextHopEntry> e1 = extendedNextHopEntries(receiver);
        List<Capability.ExtendedNextHopEntry> e2 = extendedNextHopEntries(sender);
        {
            for (Capability.ExtendedNextHopEntry a : e1) {
                if (e2.contains(a) && a.nlriSafi() <= 255) {
                    enh.add(Family.of(a.nlriAfi(), a.nlriSafi()));
                }
            }
        }
        long local = receiver.asNumber();
        long peer = sender.asNumber();
        PeerType type = local == peer ? PeerType.INTERNAL : PeerType.EXTERNAL;
        return new SessionContext(fourOctet, extended, families, rx, tx, enh, type, local, peer, enforceFirstAs);
    }

    private static List<Capability.AddPathFamily> addPathFamilies(Open open) {
        List<Capability.AddPathFamily> out = new ArrayList<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.AddPath a) {
                out.addAll(a.families());
            }
        }
        return out;
    }

    private static List<Capability.ExtendedNextHopEntry> extendedNextHopEntries(Open open) {
        List<Capability.ExtendedNextHopEntry> out = new ArrayList<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.ExtendedNextHop x) {
                out.addAll(x.entries());
            }
        }
        return out;
    }

    /** The families an OPEN announces; none at all means IPv4 unicast (RFC 4760 §8). */
    public static Set<Family> advertisedFamilies(Open open) {
        Set<Family> out = new HashSet<>();
        boolean any = false;
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.Multiprotocol m) {
                out.add(m.family());
                any = true;
            }
        }
        if (!any) {
            out.add(Family.IPV4_UNICAST);
        }
        return out;
    }

    private static boolean has(Open open, Class<? extends Capability> type) {
        return open.capability(type) != null;
    }
}
