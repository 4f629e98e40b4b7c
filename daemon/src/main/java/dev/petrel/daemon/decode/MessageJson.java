package dev.petrel.daemon.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.Problem;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.ExtendedCommunity;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.attr.RawAttribute;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.PrefixList;
import java.io.IOException;
import java.util.List;

/** Writes one decoded message as a JSON object (the format is described in the package documentation). */
final class MessageJson {
    private MessageJson() {}

    /**
     * @param headerType the type octet of the message, used when the message could not be decoded
     * @param origin where the message came from: written as "source", "from" and "to" when known
     */
    static void write(JsonGenerator g, DecodeResult r, int headerType, Origin origin) throws IOException {
        g.writeStartObject();
        BgpMessage m = r.message();
        g.writeStringField("type", m != null ? m.type().name() : typeName(headerType));
        origin.write(g);
        switch (m) {
            case null -> { }
            case Update u -> writeUpdate(g, u, r.endOfRib());
            case Open o -> writeOpen(g, o);
            case Notification n -> writeNotification(g, n);
            case RouteRefresh rr -> {
                g.writeStringField("family", rr.family().name());
                g.writeStringField("subtype", rr.subtypeName());
                if (rr.orf().length() > 0) {
                    g.writeStringField("orf", rr.orf().hex());
                }
            }
            case Keepalive k -> { }
        }
        g.writeStringField("action", r.action().label());
        Notification n = r.notification();
        if (n != null) {
            g.writeObjectFieldStart("notification");
            g.writeNumberField("code", n.code());
            g.writeNumberField("subcode", n.subcode());
            g.writeStringField("name", n.describe());
            if (n.data().length() > 0) {
                g.writeStringField("data", n.data().hex());
            }
            g.writeEndObject();
        }
        if (!r.problems().isEmpty()) {
            g.writeArrayFieldStart("problems");
            for (Problem p : r.problems()) {
                g.writeStartObject();
                g.writeStringField("action", p.action().label());
                if (p.attributeType() >= 0) {
                    g.writeNumberField("attribute", p.attributeType());
                }
                g.writeNumberField("code", p.code());
                g.writeNumberField("subcode", p.subcode());
                g.writeStringField("description", p.description());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** RFC 5952 text for IPv6 ("fd00:255::1"), dotted quad for IPv4. */
    static String address(java.net.InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return dev.petrel.wire.nlri.Ipv6.format(dev.petrel.wire.nlri.Ipv6.readLong(b, 0),
                    dev.petrel.wire.nlri.Ipv6.readLong(b, 8));
        }
        return a.getHostAddress();
    }

    static String typeName(int type) {
        dev.petrel.wire.MessageType t = dev.petrel.wire.MessageType.fromCode(type);
        return t != null ? t.name() : "INVALID";
    }

    private static void writeUpdate(JsonGenerator g, Update u, dev.petrel.wire.Family endOfRib) throws IOException {
        prefixes(g, "withdrawn", u.unreachable());
        prefixes(g, "nlri", u.reachable());
        if (endOfRib != null) {
            g.writeStringField("end_of_rib", endOfRib.name());
        }
        g.writeObjectFieldStart("attributes");
        writeAttributes(g, u.attributes());
        MpReach mp = u.mpReach();
        if (mp != null) {
            g.writeObjectFieldStart("mp_reach_nlri");
            g.writeStringField("family", mp.family().name());
            g.writeStringField("next_hop", address(mp.nextHop().global()));
            if (mp.nextHop().linkLocal() != null) {
                g.writeStringField("link_local_next_hop", address(mp.nextHop().linkLocal()));
            }
            g.writeEndObject();
        }
        if (u.mpUnreach() != null) {
            g.writeObjectFieldStart("mp_unreach_nlri");
            g.writeStringField("family", u.mpUnreach().family().name());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void prefixes(JsonGenerator g, String field, List<PrefixList> lists) throws IOException {
        g.writeArrayFieldStart(field);
        boolean ids = false;
        for (PrefixList l : lists) {
            ids |= l.hasPathIds();
            for (int i = 0; i < l.size(); i++) {
                g.writeString(l.get(i).toString());
            }
        }
        g.writeEndArray();
        if (ids) {
            g.writeArrayFieldStart(field + "_path_ids");
            for (PrefixList l : lists) {
                for (int i = 0; i < l.size(); i++) {
                    g.writeNumber(l.pathId(i));
                }
            }
            g.writeEndArray();
        }
    }

    static void writeAttributes(JsonGenerator g, PathAttributes a) throws IOException {
        if (a.origin() != null) {
            g.writeStringField("origin", a.origin().name());
        }
        if (a.has(AttributeCodes.AS_PATH)) {
            g.writeStringField("as_path", a.asPath().toString());
        }
        if (a.hasNextHop()) {
            g.writeStringField("next_hop", Ipv4.format(a.nextHop()));
        }
        if (a.med() >= 0) {
            g.writeNumberField("med", a.med());
        }
        if (a.localPref() >= 0) {
            g.writeNumberField("local_pref", a.localPref());
        }
        if (a.atomicAggregate()) {
            g.writeBooleanField("atomic_aggregate", true);
        }
        if (a.aggregator() != null) {
            g.writeStringField("aggregator", a.aggregator().toString());
        }
        if (a.has(AttributeCodes.COMMUNITIES)) {
            g.writeArrayFieldStart("communities");
            for (Community c : a.communities()) {
                g.writeString(c.toString());
            }
            g.writeEndArray();
        }
        if (a.originatorId() >= 0) {
            g.writeStringField("originator_id", Ipv4.format((int) a.originatorId()));
        }
        if (a.has(AttributeCodes.CLUSTER_LIST)) {
            g.writeArrayFieldStart("cluster_list");
            for (long id : a.clusterList()) {
                g.writeString(Ipv4.format((int) id));
            }
            g.writeEndArray();
        }
        if (a.has(AttributeCodes.EXTENDED_COMMUNITIES)) {
            g.writeArrayFieldStart("extended_communities");
            for (ExtendedCommunity c : a.extendedCommunities()) {
                g.writeString(c.toString());
            }
            g.writeEndArray();
        }
        if (a.has(AttributeCodes.LARGE_COMMUNITIES)) {
            g.writeArrayFieldStart("large_communities");
            for (LargeCommunity c : a.largeCommunities()) {
                g.writeString(c.toString());
            }
            g.writeEndArray();
        }
        if (a.otc() >= 0) {
            g.writeNumberField("otc", a.otc());
        }
        List<RawAttribute> others = a.others();
        if (!others.isEmpty()) {
            g.writeArrayFieldStart("other");
            for (RawAttribute r : others) {
                g.writeStartObject();
                g.writeNumberField("type", r.type());
                g.writeStringField("flags", String.format("0x%02x", r.flags()));
                g.writeStringField("value", r.value().hex());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void writeOpen(JsonGenerator g, Open o) throws IOException {
        g.writeNumberField("version", o.version());
        g.writeNumberField("my_as", o.myAs());
        g.writeNumberField("as", o.asNumber());
        g.writeNumberField("hold_time", o.holdTime());
        g.writeStringField("bgp_id", Ipv4.format(o.bgpIdentifier()));
        g.writeArrayFieldStart("capabilities");
        for (Capability c : o.capabilities()) {
            g.writeStartObject();
            g.writeNumberField("code", c.code());
            switch (c) {
                case Capability.Multiprotocol mp -> {
                    g.writeStringField("name", "multiprotocol");
                    g.writeStringField("family", mp.family().name());
                }
                case Capability.RouteRefresh rr -> g.writeStringField("name", "route-refresh");
                case Capability.EnhancedRouteRefresh err -> g.writeStringField("name", "enhanced-route-refresh");
                case Capability.ExtendedMessage em -> g.writeStringField("name", "extended-message");
                case Capability.FourOctetAs f -> {
                    g.writeStringField("name", "4-octet-as");
                    g.writeNumberField("as", f.as());
                }
                case Capability.GracefulRestart gr -> {
                    g.writeStringField("name", "graceful-restart");
                    g.writeBooleanField("restarting", gr.restarting());
                    g.writeBooleanField("notification", gr.notification());
                    g.writeNumberField("restart_time", gr.restartTime());
                    g.writeArrayFieldStart("families");
                    for (Capability.GrFamily f : gr.families()) {
                        g.writeString(f.family().name() + (f.forwardingPreserved() ? " F" : ""));
                    }
                    g.writeEndArray();
                }
                case Capability.LongLivedGracefulRestart l -> {
                    g.writeStringField("name", "long-lived-graceful-restart");
                    g.writeArrayFieldStart("families");
                    for (Capability.LlgrFamily f : l.families()) {
                        g.writeString(f.family().name() + " stale " + f.staleTime() + (f.forwardingPreserved() ? " F" : ""));
                    }
                    g.writeEndArray();
                }
                case Capability.AddPath ap -> {
                    g.writeStringField("name", "add-path");
                    g.writeArrayFieldStart("families");
                    for (Capability.AddPathFamily f : ap.families()) {
                        g.writeString(f.family().name() + (f.receive() ? " receive" : "") + (f.send() ? " send" : ""));
                    }
                    g.writeEndArray();
                }
                case Capability.ExtendedNextHop x -> {
                    g.writeStringField("name", "extended-next-hop");
                    g.writeArrayFieldStart("entries");
                    for (Capability.ExtendedNextHopEntry e : x.entries()) {
                        g.writeString("afi " + e.nlriAfi() + " safi " + e.nlriSafi() + " next-hop afi " + e.nextHopAfi());
                    }
                    g.writeEndArray();
                }
                case Capability.Role r -> {
                    g.writeStringField("name", "role");
                    g.writeStringField("role", r.role().name().toLowerCase().replace('_', '-'));
                }
                case Capability.Fqdn f -> {
                    g.writeStringField("name", "fqdn");
                    g.writeStringField("hostname", f.hostname());
                    g.writeStringField("domain", f.domain());
                }
                case Capability.SoftwareVersion s -> {
                    g.writeStringField("name", "software-version");
                    g.writeStringField("version", s.version());
                }
                case Capability.Unknown u -> g.writeStringField("value", u.value().hex());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!o.otherParameters().isEmpty()) {
            g.writeArrayFieldStart("other_parameters");
            for (Open.OptionalParameter p : o.otherParameters()) {
                g.writeString(p.type() + ":" + p.value().hex());
            }
            g.writeEndArray();
        }
    }

    private static void writeNotification(JsonGenerator g, Notification n) throws IOException {
        g.writeNumberField("code", n.code());
        g.writeNumberField("subcode", n.subcode());
        g.writeStringField("name", n.describe());
        if (n.data().length() > 0) {
            g.writeStringField("data", n.data().hex());
        }
        Notification.ShutdownCommunication sc = n.shutdownCommunication();
        if (sc != null) {
            g.writeObjectFieldStart("shutdown_communication");
            g.writeBooleanField("valid", sc.valid());
            g.writeStringField("text", sc.text());
            if (sc.problem() != null) {
                g.writeStringField("problem", sc.problem());
            }
            g.writeEndObject();
        }
        Notification reason = n.hardResetReason();
        if (reason != null) {
            g.writeObjectFieldStart("hard_reset_reason");
            g.writeNumberField("code", reason.code());
            g.writeNumberField("subcode", reason.subcode());
            g.writeStringField("name", reason.describe());
            g.writeEndObject();
        }
    }

    /** Where a message came from. */
    record Origin(String source, String from, String to, String mrt) {
        static final Origin NONE = new Origin(null, null, null, null);

        void write(JsonGenerator g) throws IOException {
            if (source != null) {
                g.writeStringField("source", source);
            }
            if (from != null) {
                g.writeStringField("from", from);
            }
            if (to != null) {
                g.writeStringField("to", to);
            }
            if (mrt != null) {
                g.writeStringField("mrt", mrt);
            }
        }
    }
}
