package dev.petrel.wire;

import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4PrefixList;
import dev.petrel.wire.nlri.PrefixList;
import java.util.ArrayList;
import java.util.List;

/**
 * UPDATE (RFC 4271 §4.3, RFC 4760): IPv4 unicast routes in the message's own fields, other families (and IPv4
 * where MP is used) in MP_REACH_NLRI / MP_UNREACH_NLRI.
 *
 * @param withdrawn the Withdrawn Routes field (IPv4 unicast)
 * @param attributes the path attributes other than MP_REACH_NLRI and MP_UNREACH_NLRI, in canonical form
 * @param nlri the NLRI field (IPv4 unicast)
 * @param mpReach MP_REACH_NLRI, or null
 * @param mpUnreach MP_UNREACH_NLRI, or null
 */
public record Update(PrefixList withdrawn, PathAttributes attributes, PrefixList nlri, MpReach mpReach,
        MpUnreach mpUnreach) implements BgpMessage {

    public Update {
        if (withdrawn == null) {
            withdrawn = Ipv4PrefixList.EMPTY;
        }
        if (nlri == null) {
            nlri = Ipv4PrefixList.EMPTY;
        }
        if (attributes == null) {
            attributes = PathAttributes.EMPTY;
        }
        if (!(withdrawn instanceof Ipv4PrefixList) || !(nlri instanceof Ipv4PrefixList)) {
            throw new IllegalArgumentException("the Withdrawn Routes and NLRI fields hold IPv4 prefixes only");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }

    /** An announcement of IPv4 unicast prefixes in the NLRI field. */
    public static Update announce(PathAttributes attributes, PrefixList nlri) {
        return new Update(null, attributes, nlri, null, null);
    }

    /** The End-of-RIB marker of RFC 4724 §2 for {@code family}. */
    public static Update endOfRib(Family family) {
        if (family.equals(Family.IPV4_UNICAST)) {
            return new Update(null, null, null, null, null);
        }
        return new Update(null, null, null, null, new MpUnreach(family, PrefixList.empty(family)));
    }

    /**
     * The family this UPDATE's shape marks the End-of-RIB of, or null. For a received UPDATE ask
     * {@link DecodeResult#endOfRib()} instead: only the decoder knows whether attributes were on the wire and
     * dropped, which makes an UPDATE that looks like an End-of-RIB not one.
     */
    public Family endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || mpReach != null) {
            return null;
        }
        if (mpUnreach == null) {
            return attributes.isEmpty() ? Family.IPV4_UNICAST : null;
        }
        return mpUnreach.withdrawn().isEmpty() && attributes.isEmpty() ? mpUnreach.family() : null;
    }

    /** Every reachable route: the NLRI field and MP_REACH_NLRI's NLRI. */
    public List<PrefixList> reachable() {
        List<PrefixList> out = new ArrayList<>(2);
        if (!nlri.isEmpty()) {
            out.add(nlri);
        }
        if (mpReach != null && !mpReach.nlri().isEmpty()) {
            out.add(mpReach.nlri());
        }
        return out;
    }

    /** Every withdrawn route: the Withdrawn Routes field and MP_UNREACH_NLRI's. */
    public List<PrefixList> unreachable() {
        List<PrefixList> out = new ArrayList<>(2);
        if (!withdrawn.isEmpty()) {
            out.add(withdrawn);
        }
        if (mpUnreach != null && !mpUnreach.withdrawn().isEmpty()) {
            out.add(mpUnreach.withdrawn());
        }
        return out;
    }

    /**
     * What a receiver withdraws when this UPDATE is treated as withdrawn (RFC 7606 §2): its withdrawn routes and
     * its reachable ones alike.
     */
    public List<PrefixList> treatAsWithdraw() {
        List<PrefixList> out = unreachable();
        out.addAll(reachable());
        return out;
    }

    /** The number of prefixes announced and withdrawn. */
    public int prefixCount() {
        int n = withdrawn.size() + nlri.size();
        if (mpReach != null) {
            n += mpReach.nlri().size();
        }
        if (mpUnreach != null) {
            n += mpUnreach.withdrawn().size();
        }
        return n;
    }
}
