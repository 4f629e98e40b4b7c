package dev.petrel.wire.capture;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageType;
import dev.petrel.wire.Negotiation;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The session context each captured message was sent in: negotiated from the two OPENs of its connection when the
 * capture holds both, taken from the MRT subtype where it says (AS width, ADD-PATH), and otherwise an assumption
 * the caller chooses.
 *
 * <p>Captures often start after the OPENs, and some dumpers write ADD-PATH messages under the plain MRT subtypes
 * (BIRD before RFC 8050). When guessing is on and nothing authoritative says, an UPDATE that the assumption
 * cannot decode cleanly is tried with the other AS width and with ADD-PATH, as tcpdump does; a combination that
 * decodes with no problem stronger than attribute discard is adopted for that direction of that connection and
 * reported through {@code notes}. A speaker never guesses: this is for reading captures only.
 *
 * <p>Not thread-safe; one instance per capture.
 */
public final class SessionContexts {
    private final SessionContext assumed;
    private final boolean guess;
    private final Consumer<String> notes;
    private final Map<String, Open> opens = new HashMap<>();
    private final Map<String, SessionContext> guessed = new HashMap<>();

    /** Contexts without guessing. */
    public SessionContexts(SessionContext assumed) {
        this(assumed, false, note -> { });
    }

    public SessionContexts(SessionContext assumed, boolean guess, Consumer<String> notes) {
        this.assumed = assumed;
        this.guess = guess;
        this.notes = notes;
    }

    /** Decodes {@code m} in its context, guessing as described above, and remembers OPENs. */
    public DecodeResult decode(BgpMessageRecord m) {
        SessionContext c = contextFor(m);
        DecodeResult r = m.decode(c);
        if (guess && r.action().compareTo(ErrorAction.ATTRIBUTE_DISCARD) > 0 && m.type() == MessageType.UPDATE
                && !negotiated(m)) {
            boolean widthKnown = m.fourOctetAs() != null;
            Set<Family> both = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
            SessionContext[] alternatives = {
                widthKnown ? null : c.withFourOctetAs(!c.fourOctetAs()),
                c.addPathReceive().isEmpty() ? c.withAddPath(both, c.addPathSend()) : null,
                widthKnown || !c.addPathReceive().isEmpty() ? null
                        : c.withFourOctetAs(!c.fourOctetAs()).withAddPath(both, c.addPathSend()),
            };
            for (SessionContext alt : alternatives) {
                if (alt == null) {
                    continue;
                }
                DecodeResult r2 = m.decode(alt);
                if (r2.action().compareTo(ErrorAction.ATTRIBUTE_DISCARD) <= 0) {
                    guessed.put(directionKey(m), alt);
                    notes.accept(m.source() + ": decoded as " + (alt.fourOctetAs() ? "4" : "2") + "-octet AS"
                            + (alt.addPathReceive().isEmpty() ? "" : " with ADD-PATH")
                            + " (guessed from the message: the capture does not say)");
                    r = r2;
                    break;
                }
            }
        }
        decoded(m, r.message());
        return r;
    }

    private boolean negotiated(BgpMessageRecord m) {
        return m.from() != null && opens.containsKey(key(m.from(), m.to())) && opens.containsKey(key(m.to(), m.from()));
    }

    private static String directionKey(BgpMessageRecord m) {
        return m.from() == null ? "" : key(m.from(), m.to());
    }

    /** The context in which the receiver of {@code m} decodes it. */
    public SessionContext contextFor(BgpMessageRecord m) {
        SessionContext c = guessed.isEmpty() ? assumed : guessed.getOrDefault(directionKey(m), assumed);
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
