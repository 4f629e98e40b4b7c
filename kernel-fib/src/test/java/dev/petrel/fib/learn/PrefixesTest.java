package dev.petrel.fib.learn;

import static dev.petrel.fib.learn.K.ip;
import static dev.petrel.fib.learn.K.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PrefixesTest {
    @Test
    void containsPrefixIsEqualOrMoreSpecific() {
        assertTrue(Prefixes.contains(p("10.244.0.0/16"), p("10.244.1.0/26")));
        assertTrue(Prefixes.contains(p("10.244.1.0/26"), p("10.244.1.0/26")));
        assertFalse(Prefixes.contains(p("10.244.1.0/26"), p("10.244.0.0/16")));
        assertFalse(Prefixes.contains(p("10.244.1.0/26"), p("10.244.1.64/26")));
        assertTrue(Prefixes.contains(p("0.0.0.0/0"), p("192.0.2.1/32")));
        assertTrue(Prefixes.contains(p("2001:db8::/32"), p("2001:db8:1:2::/64")));
        assertTrue(Prefixes.contains(p("2001:db8:1:2::/64"), p("2001:db8:1:2::8000/113")));
        assertFalse(Prefixes.contains(p("2001:db8:1:2::/64"), p("2001:db8:1:3::/64")));
        assertFalse(Prefixes.contains(p("0.0.0.0/0"), p("::/0")), "never across families");
    }

    @Test
    void containsAddress() {
        assertTrue(Prefixes.contains(p("10.255.1.0/24"), ip("10.255.1.2")));
        assertFalse(Prefixes.contains(p("10.255.1.0/24"), ip("10.255.2.2")));
        assertTrue(Prefixes.contains(p("fd00::/8"), ip("fd12::1")));
        assertFalse(Prefixes.contains(p("fd00::/8"), ip("10.0.0.1")));
    }

    @Test
    void ofClearsHostBits() {
        assertEquals(p("10.255.1.0/24"), Prefixes.of(ip("10.255.1.2"), 24));
        assertEquals(p("2001:db8:0:1::/64"), Prefixes.of(ip("2001:db8:0:1::abcd"), 64));
        assertEquals(p("2001:db8::1:0/112"), Prefixes.of(ip("2001:db8::1:ffff"), 112));
        assertEquals(p("0.0.0.0/0"), Prefixes.of(ip("192.0.2.7"), 0));
    }

    @Test
    void hostPrefixes() {
        assertEquals(p("10.0.0.1/32"), Prefixes.host(ip("10.0.0.1")));
        assertEquals(p("::1/128"), Prefixes.host(ip("::1")));
        assertTrue(Prefixes.isHost(p("10.0.0.1/32")));
        assertTrue(Prefixes.isHost(p("fd00::1/128")));
        assertFalse(Prefixes.isHost(p("fd00::/127")));
        assertFalse(Prefixes.isHost(p("10.0.0.0/31")));
    }

    @Test
    void plainDropsTheScope() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 3);
        InetAddress plain = Prefixes.plain(scoped);
        assertEquals(ip("fe80::1"), plain);
        assertEquals("fe80:0:0:0:0:0:0:1", plain.getHostAddress(), "no %scope left to print");
    }
}
