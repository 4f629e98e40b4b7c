package dev.petrel.wire.capture;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.Family;
import dev.petrel.wire.Negotiation;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The session context each captured message was sent in: negotiated from the two OPENs of its connection when the
 * capture holds both, taken from the MRT subtype where it says (AS width, ADD-PATH), and otherwise an assumption
 * the caller chooses. Not thread-safe; one instance per capture.
 */
public final class SessionContexts {
    private final SessionContext assumed;
    private final Map<String, Open> opens = new HashMap<>();

    public SessionContexts(SessionContext assumed) {
        this.assumed = assumed;
    }

    /** The context in which the receiver of {@code m} decodes it. */
    public SessionContext contextFor(BgpMessageRecord m) {
        SessionContext c = assumed;
        // Raw streams have no endpoints, and a capture without OPENs needs no lookup per message.
        Open sender = opens.isEmpty() || m.from() == null ? null : opens.get(key(m.from(), m.to()));
        Open receiver = sender == null ? null : opens.get(key(m.to(), m.from()));
        if (sender != null && receiver != null) {
            c = Negotiation.receiving(receiver, sender, false);
        }
        if (m.fourOctetAs() != null) {
            c = c.withFourOctetAs(m.fourOctetAs()); // MRT says it outright (RFC 6396 §4.4)
        }
        if (m.addPath()) {
            c = c.withAddPath(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), c.addPathSend());
        }
        return c;
    }

    /** Remembers an OPEN so later messages of its connection are decoded as it negotiated. */
    public void decoded(BgpMessageRecord m, BgpMessage message) {
        if (message instanceof Open o && m.from() != null) {
            opens.put(key(m.from(), m.to()), o);
        }
    }

    /** The context for an MRT RIB entry. */
    public SessionContext contextFor(RibEntryRecord e) {
        SessionContext c = assumed.withFourOctetAs(e.fourOctetAs());
        if (e.pathId() >= 0) {
            c = c.withAddPath(Set.of(Family.of(e.afi(), e.safi())), Set.of());
        }
        return c;
    }

    private static String key(Endpoint from, Endpoint to) {
        return from + ">" + to;
    }
}
