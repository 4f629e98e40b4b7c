package dev.petrel.fsm;

import static dev.petrel.fsm.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.Collision.Keep;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CollisionTest {
    static final int LOW = id(10, 0, 0, 1);
    static final int HIGH = id(10, 0, 0, 2);
    static final int NEGATIVE = id(200, 0, 0, 1); // a negative int

    @Test
    void lowerLocalIdentifierKeepsTheIncomingConnection() {
        assertEquals(Keep.INCOMING, Collision.resolve(LOW, 65001, HIGH, 65002));
    }

    @Test
    void higherLocalIdentifierKeepsTheOutgoingConnection() {
        assertEquals(Keep.OUTGOING, Collision.resolve(HIGH, 65001, LOW, 65002));
    }

    @Test
    void identifiersCompareUnsigned() {
        assertTrue(NEGATIVE < 0);
        assertEquals(Keep.OUTGOING, Collision.resolve(NEGATIVE, 65001, LOW, 65002));
        assertEquals(Keep.INCOMING, Collision.resolve(LOW, 65001, NEGATIVE, 65002));
        assertEquals(Keep.INCOMING, Collision.resolve(id(128, 0, 0, 0), 1, id(255, 255, 255, 255), 2));
    }

    @Test
    void equalIdentifiersKeepTheConnectionOfTheLargerAs() {
        // RFC 6286 §2.3: the connection initiated by the speaker with the larger AS number is kept.
        assertEquals(Keep.OUTGOING, Collision.resolve(LOW, 65002, LOW, 65001));
        assertEquals(Keep.INCOMING, Collision.resolve(LOW, 65001, LOW, 65002));
        assertEquals(Keep.OUTGOING, Collision.resolve(NEGATIVE, 4_200_000_000L, NEGATIVE, 65001));
    }

    /** Which physical connection a side keeps: the one initiated by A, or the one initiated by B. */
    enum Initiator { A, B }

    static Initiator kept(Keep k, Initiator self, Initiator other) {
        return k == Keep.OUTGOING ? self : other;
    }

    static void assertBothEndsAgree(int idA, long asA, int idB, long asB) {
        Initiator a = kept(Collision.resolve(idA, asA, idB, asB), Initiator.A, Initiator.B);
        Initiator b = kept(Collision.resolve(idB, asB, idA, asA), Initiator.B, Initiator.A);
        assertEquals(a, b, "A keeps " + a + "'s connection, B keeps " + b + "'s: " + OpenCheck.dotted(idA) + " AS"
                + asA + " vs " + OpenCheck.dotted(idB) + " AS" + asB);
    }

    @Test
    void bothEndsKeepTheSameConnection() {
        assertBothEndsAgree(LOW, 65001, HIGH, 65002);
        assertBothEndsAgree(HIGH, 65001, LOW, 65002);
        assertBothEndsAgree(NEGATIVE, 65001, LOW, 65002);
        assertBothEndsAgree(LOW, 65001, LOW, 65002);
        assertBothEndsAgree(NEGATIVE, 4_200_000_000L, NEGATIVE, 65001);
        Random r = new Random(6286);
        for (int i = 0; i < 10_000; i++) {
            int idA = r.nextInt();
            int idB = r.nextInt(4) == 0 ? idA : r.nextInt();
            long asA = r.nextLong(1, 1L << 32);
            long asB = r.nextLong(1, 1L << 32);
            if (idA == idB && asA == asB) {
                continue; // equal identifiers within one AS are refused by OpenCheck (RFC 6286 §2.2)
            }
            assertBothEndsAgree(idA, asA, idB, asB);
        }
    }
}
