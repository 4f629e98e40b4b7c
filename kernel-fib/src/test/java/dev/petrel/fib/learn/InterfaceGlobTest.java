package dev.petrel.fib.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fib.learn.InterfaceGlob.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceGlobTest {
    @Test
    void starMatchesAnyRunIncludingNone() {
        InterfaceGlob g = InterfaceGlob.parse("cali*");
        assertTrue(g.matches("cali"));
        assertTrue(g.matches("cali1234abcd"));
        assertFalse(g.matches("cal"));
        assertFalse(g.matches("xcali1"), "a glob matches the whole name, not a substring");
        assertTrue(InterfaceGlob.parse("*").matches(""));
        assertTrue(InterfaceGlob.parse("*").matches("eth0"));
    }

    @Test
    void questionMarkMatchesExactlyOne() {
        InterfaceGlob g = InterfaceGlob.parse("eth?");
        assertTrue(g.matches("eth0"));
        assertFalse(g.matches("eth"));
        assertFalse(g.matches("eth10"));
    }

    @Test
    void starsInTheMiddleBacktrack() {
        InterfaceGlob g = InterfaceGlob.parse("*.calico");
        assertTrue(g.matches("vxlan.calico"));
        assertTrue(g.matches("a.calico.calico"));
        assertFalse(g.matches("vxlan.calicox"));
        assertTrue(InterfaceGlob.parse("e*h*0").matches("eth-eth0"));
        assertFalse(InterfaceGlob.parse("e*h*0").matches("eth-eth1"));
        assertTrue(InterfaceGlob.parse("**a").matches("aaa"));
    }

    @Test
    void otherCharactersAreLiteral() {
        assertTrue(InterfaceGlob.parse("br-1.2").matches("br-1.2"));
        assertFalse(InterfaceGlob.parse("br-1.2").matches("br-1x2"));
        assertFalse(InterfaceGlob.parse("[ab]").matches("a"));
    }

    @Test
    void leadingMinusExcludesAndQuotesAreBirdSyntax() {
        InterfaceGlob g = InterfaceGlob.parse(" -\"kube-ipvs*\" ");
        assertTrue(g.exclude());
        assertEquals("kube-ipvs*", g.pattern());
        assertEquals("-\"kube-ipvs*\"", g.toString());
        assertFalse(InterfaceGlob.parse("\"cali*\"").exclude());
        assertThrows(IllegalArgumentException.class, () -> InterfaceGlob.parse("-"));
    }

    @Test
    void firstMatchDecides() {
        List<InterfaceGlob> calicoDirect = InterfaceGlob.parseAll("-cali*", "-kube-ipvs*", "*");
        assertEquals(Decision.EXCLUDED, InterfaceGlob.decide(calicoDirect, "cali12"));
        assertEquals(Decision.EXCLUDED, InterfaceGlob.decide(calicoDirect, "kube-ipvs0"));
        assertEquals(Decision.INCLUDED, InterfaceGlob.decide(calicoDirect, "eth0"));

        List<InterfaceGlob> starFirst = InterfaceGlob.parseAll("*", "-kube-ipvs*");
        assertEquals(Decision.INCLUDED, InterfaceGlob.decide(starFirst, "kube-ipvs0"),
                "an exclusion after * is never reached");
    }

    @Test
    void noMatchIsNotMatchedAndNotIncluded() {
        List<InterfaceGlob> cali = InterfaceGlob.parseAll("cali*");
        assertEquals(Decision.NOT_MATCHED, InterfaceGlob.decide(cali, "eth0"));
        assertFalse(Decision.NOT_MATCHED.included());
        assertEquals(Decision.NOT_MATCHED, InterfaceGlob.decide(List.of(), "eth0"), "an empty list includes nothing");
        assertNull(InterfaceGlob.firstMatch(cali, "eth0"));
        assertEquals(cali.get(0), InterfaceGlob.firstMatch(cali, "cali1"));
    }
}
