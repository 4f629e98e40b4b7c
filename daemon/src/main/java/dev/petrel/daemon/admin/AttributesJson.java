package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.attr.Aggregator;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.ExtendedCommunity;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.attr.RawAttribute;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Ipv6;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Path attributes as the admin socket writes them: one object with a typed field per attribute Petrel knows,
 * every field always present (null, false or an empty list when the attribute is absent), and the rest in
 * {@code other}. The {@code as_path} is the text BIRD and FRR print: {@code "65001 65002 {65003 65004}"}, with
 * {@code {}} around an AS_SET, {@code ()} around an AS_CONFED_SEQUENCE and {@code []} around an AS_CONFED_SET.
 * Communities are "65000:100" (the RFC 1997 well-known ones by name, "no-export"), large communities
 * "65000:1:2", extended communities "rt:65000:100" or their 8 octets in hex.
 */
final class AttributesJson {
    private AttributesJson() {}

    /** Writes {@code field}: the attributes, or null. */
    static void write(JsonGenerator g, String field, PathAttributes a) throws IOException {
        if (a == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeStringField("origin", a.origin() == null ? null : a.origin().name());
        g.writeStringField("as_path", a.asPath() == null ? null : a.asPath().toString());
        g.writeStringField("next_hop", a.hasNextHop() ? Ipv4.format(a.nextHop()) : null);
        number(g, "med", a.med());
        number(g, "local_pref", a.localPref());
        g.writeArrayFieldStart("communities");
        for (Community c : a.communities()) {
            g.writeString(c.toString());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("large_communities");
        for (LargeCommunity c : a.largeCommunities()) {
            g.writeString(c.toString());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("extended_communities");
        for (ExtendedCommunity c : a.extendedCommunities()) {
            g.writeString(c.toString());
        }
        g.writeEndArray();
        g.writeBooleanField("atomic_aggregate", a.atomicAggregate());
        Aggregator agg = a.aggregator();
        if (agg == null) {
            g.writeNullField("aggregator");
        } else {
            g.writeObjectFieldStart("aggregator");
            g.writeNumberField("as", agg.as());
            g.writeStringField("address", Ipv4.format(agg.address()));
            g.writeEndObject();
        }
        g.writeStringField("originator_id", a.originatorId() < 0 ? null : Ipv4.format((int) a.originatorId()));
        g.writeArrayFieldStart("cluster_list");
        for (long id : a.clusterList()) {
            g.writeString(Ipv4.format((int) id));
        }
        g.writeEndArray();
        number(g, "otc", a.otc());
        g.writeArrayFieldStart("other");
        for (RawAttribute r : a.others()) {
            g.writeStartObject();
            g.writeNumberField("type", r.type());
            g.writeStringField("flags", String.format("0x%02x", r.flags()));
            g.writeStringField("hex", r.value().hex());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes {@code next_hop} and {@code link_local_next_hop} from an MP_REACH-style next hop, or nulls. */
    static void nextHop(JsonGenerator g, NextHop nh) throws IOException {
        g.writeStringField("next_hop", nh == null ? null : address(nh.global()));
        g.writeStringField("link_local_next_hop", nh == null || nh.linkLocal() == null ? null
                : address(nh.linkLocal()));
    }

    /**
     * RFC 5952 text for IPv6 ("fd00:255::1"; InetAddress would print every zero group), dotted quad for IPv4. An
     * IPv4-mapped address, the next hop of an IPv6 route sent over an IPv4 session, is "::ffff:10.255.2.1" (RFC
     * 5952 §5).
     */
    static String address(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 16) {
            return a.getHostAddress();
        }
        long high = Ipv6.readLong(b, 0);
        long low = Ipv6.readLong(b, 8);
        if (high == 0 && (low >>> 32) == 0xffffL) {
            return "::ffff:" + Ipv4.format((int) low);
        }
        return Ipv6.format(high, low);
    }

    /** An unsigned 32-bit value the getters return as -1 when absent. */
    private static void number(JsonGenerator g, String field, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
