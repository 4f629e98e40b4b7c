package dev.petrel.wire.capture;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionContextsTest {
    private static final SessionContext TWO_OCTET = SessionContext.ASSUMED.withFourOctetAs(false);

    private static BgpMessageRecord raw(byte[] message, Boolean fourOctetAs) {
        return new BgpMessageRecord(message, null, null, 0, fourOctetAs, false, -1, -1, "test");
    }

    private static byte[] twoOctetUpdate() {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(100, 200))
                .nextHop("192.0.2.1").build();
        return MessageEncoder.toBytes(Update.announce(a, PrefixList.of(Prefix.parse("10.0.0.0/8"))), TWO_OCTET);
    }

    @Test
    void guessesTheAsWidthWhenNothingSaysAndReportsIt() {
        List<String> notes = new ArrayList<>();
        SessionContexts c = new SessionContexts(SessionContext.ASSUMED, true, notes::add);
        DecodeResult r = c.decode(raw(twoOctetUpdate(), null));
        assertEquals(ErrorAction.NONE, r.action());
        assertEquals("100 200", ((Update) r.message()).attributes().asPath().toString());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("2-octet AS"), notes.get(0));
        assertFalse(c.contextFor(raw(twoOctetUpdate(), null)).fourOctetAs(), "the guess sticks to the stream");
    }

    @Test
    void neverGuessesWhenTurnedOffOrWhenTheContainerSays() {
        SessionContexts off = new SessionContexts(SessionContext.ASSUMED);
        assertEquals(ErrorAction.TREAT_AS_WITHDRAW, off.decode(raw(twoOctetUpdate(), null)).action());
        SessionContexts on = new SessionContexts(SessionContext.ASSUMED, true, n -> fail("no guess expected: " + n));
        // An MRT subtype that says 4-octet AS is authoritative (RFC 6396 §4.4).
        assertEquals(ErrorAction.TREAT_AS_WITHDRAW, on.decode(raw(twoOctetUpdate(), true)).action());
    }
}
