package dev.petrel.fib.learn;

import static dev.petrel.fib.learn.K.addr;
import static dev.petrel.fib.learn.K.adminDown;
import static dev.petrel.fib.learn.K.ip;
import static dev.petrel.fib.learn.K.p;
import static dev.petrel.fib.learn.K.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.fib.kernel.KernelEvent;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class FibGuardTest {
    private final KernelState state = new KernelState();
    private final List<InetAddress> peer = List.of(ip("10.255.1.1"));

    FibGuardTest() {
        state.reset(List.of(up(1, "lo"), up(2, "eth0"), adminDown(3, "eth1"), up(4, "tunl0")),
                List.of(addr(1, "127.0.0.1", 8), addr(2, "10.255.1.2", 24), addr(2, "2001:db8:1::2", 64),
                        addr(2, "fe80::2", 64), addr(3, "192.168.50.1", 24), addr(4, "10.244.1.0", 32)),
                List.of());
    }

    private FibGuard guard(GuardOptions o) {
        return new FibGuard(o, state);
    }

    private final FibGuard strict = guard(new GuardOptions(List.of(p("10.244.1.0/26"), p("fd00:244:1::/122")),
            false, false));

    @Test
    void ordinaryRoutesPass() {
        assertNull(strict.check(p("10.244.2.0/26"), peer));
        assertNull(strict.check(p("10.244.2.64/26"), List.of(ip("2001:db8:1::1"))), "RFC 8950 next hop");
        assertNull(strict.check(p("2001:db8:99::/48"), List.of(ip("fe80::1"))));
        assertNull(strict.check(p("198.51.100.0/24"), List.of()));
    }

    @Test
    void defaultRouteOnlyWhenAllowed() {
        assertEquals("default route (allow-default is off)", strict.check(p("0.0.0.0/0"), peer));
        assertEquals("default route (allow-default is off)", strict.check(p("::/0"), peer));
        FibGuard allow = guard(new GuardOptions(List.of(), true, false));
        assertNull(allow.check(p("0.0.0.0/0"), peer), "the default covers our addresses but has its own rule");
        assertNull(allow.check(p("::/0"), List.of(ip("fe80::1"))));
    }

    @Test
    void martians() {
        assertEquals("martian 0.0.0.0/8", strict.check(p("0.1.0.0/16"), peer));
        assertEquals("martian 127.0.0.0/8", strict.check(p("127.0.0.0/8"), peer));
        assertEquals("martian 127.0.0.0/8", strict.check(p("127.1.2.3/32"), peer));
        assertEquals("martian 169.254.0.0/16", strict.check(p("169.254.169.254/32"), peer));
        assertEquals("martian 224.0.0.0/4", strict.check(p("239.1.0.0/16"), peer));
        assertEquals("martian 240.0.0.0/4", strict.check(p("255.255.255.255/32"), peer));
        assertEquals("martian ::/128", strict.check(p("::/128"), peer));
        assertEquals("martian ::1/128", strict.check(p("::1/128"), peer));
        assertEquals("martian fe80::/10", strict.check(p("fe80::/64"), peer));
        assertEquals("martian ff00::/8", strict.check(p("ff02::/16"), peer));
        assertEquals("martian ::ffff:0:0/96", strict.check(p("::ffff:10.0.0.0/104"), peer));
        assertNull(strict.check(p("::/96"), peer), "::/96 is not ::/128");
        assertNull(strict.check(p("0.0.0.0/7"), peer), "covering a martian is not being one");

        FibGuard linkLocal = guard(new GuardOptions(List.of(), false, true));
        assertNull(linkLocal.check(p("169.254.169.254/32"), peer));
        assertEquals("martian fe80::/10", linkLocal.check(p("fe80::/64"), peer), "IPv6 link-local stays refused");
    }

    @Test
    void ownAddresses() {
        assertEquals("covers this node's address 10.255.1.2 on eth0", strict.check(p("10.255.0.0/16"), peer));
        assertEquals("is this node's address 10.255.1.2 on eth0", strict.check(p("10.255.1.2/32"), peer));
        assertEquals("covers this node's address 10.244.1.0 on tunl0", strict.check(p("10.244.0.0/16"), peer),
                "the pool aggregate is refused on an IPIP node: tunl0 holds an address inside it");
        assertEquals("covers this node's address 192.168.50.1 on eth1", strict.check(p("192.168.0.0/16"), peer),
                "an address on a downed link is still ours");
        assertEquals("covers this node's address 2001:db8:1:0:0:0:0:2 on eth0",
                strict.check(p("2001:db8::/32"), peer));
    }

    @Test
    void connectedSubnets() {
        assertEquals("inside connected subnet 10.255.1.0/24 on eth0", strict.check(p("10.255.1.128/25"), peer));
        assertEquals("equals connected subnet 192.168.50.0/24 on eth1", strict.check(p("192.168.50.0/24"), peer));
        assertEquals("inside connected subnet 2001:db8:1::/64 on eth0", strict.check(p("2001:db8:1::8/125"), peer));
    }

    @Test
    void protectedPrefixes() {
        assertEquals("equals protected prefix 10.244.1.0/26", strict.check(p("10.244.1.0/26"), peer));
        assertEquals("inside protected prefix 10.244.1.0/26", strict.check(p("10.244.1.5/32"), peer));
        assertEquals("inside protected prefix fd00:244:1::/122", strict.check(p("fd00:244:1::5/128"), peer));
        assertNull(strict.check(p("10.244.1.64/26"), peer));
        assertNull(strict.check(p("fd00:244::/48"), peer), "covering is allowed: longest match keeps ours in charge");
        assertNull(guard(new GuardOptions(List.of(p("10.250.1.0/26")), false, false)).check(p("10.250.0.0/16"), peer),
                "covering a protected prefix that holds no address of ours is allowed");
        assertEquals("covers this node's address 10.244.1.0 on tunl0",
                guard(GuardOptions.DEFAULT).check(p("10.244.1.0/26"), peer), "unprotected, but tunl0 is in it");
        assertNull(guard(GuardOptions.DEFAULT).check(p("10.244.1.64/26"), peer));
    }

    @Test
    void nextHopIsOurs() {
        assertEquals("next hop 10.255.1.2 is this node's own address",
                strict.check(p("198.51.100.0/24"), List.of(ip("10.255.1.1"), ip("10.255.1.2"))));
        assertEquals("next hop fe80:0:0:0:0:0:0:2 is this node's own address",
                strict.check(p("2001:db8:99::/48"), List.of(ip("fe80::2"))));
        assertNull(strict.check(p("198.51.100.0/24"), java.util.Arrays.asList((InetAddress) null)));
    }

    @Test
    void readsTheStateLive() {
        assertNull(strict.check(p("203.0.113.0/24"), peer));
        state.apply(new KernelEvent.AddressAdded(addr(2, "203.0.113.7", 24)));
        assertEquals("equals connected subnet 203.0.113.0/24 on eth0", strict.check(p("203.0.113.0/24"), peer));
        assertEquals("covers this node's address 203.0.113.7 on eth0", strict.check(p("203.0.112.0/23"), peer));
        state.apply(new KernelEvent.AddressDeleted(addr(2, "203.0.113.7", 24)));
        assertNull(strict.check(p("203.0.113.0/24"), peer));
        assertNull(strict.check(p("203.0.112.0/23"), peer));
    }
}
