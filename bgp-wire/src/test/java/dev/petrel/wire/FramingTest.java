package dev.petrel.wire;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void openIsLimitedTo4096EvenWithExtendedMessages() {
        assertEquals(Framing.BAD_LENGTH, Framing.checkLengthAndType(4097, 1, Framing.MAX_EXTENDED_LENGTH));
        assertEquals(4096, Framing.checkLengthAndType(4096, 1, Framing.MAX_EXTENDED_LENGTH));
        assertEquals(5000, Framing.checkLengthAndType(5000, 2, Framing.MAX_EXTENDED_LENGTH));
        assertEquals(Framing.BAD_LENGTH, Framing.checkLengthAndType(5000, 2, Framing.MAX_LENGTH));
    }

    @Test
    void keepaliveIsExactly19AndTypesAreKnown() {
        assertEquals(Framing.BAD_LENGTH, Framing.checkLengthAndType(20, 4, Framing.MAX_LENGTH));
        assertEquals(Framing.BAD_TYPE, Framing.checkLengthAndType(19, 6, Framing.MAX_LENGTH));
        assertEquals(Framing.BAD_TYPE, Framing.checkLengthAndType(19, 0, Framing.MAX_LENGTH));
    }
}
