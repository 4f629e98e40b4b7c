package dev.petrel.interop.harness;

import java.util.List;

/**
 * One path to a prefix in a BIRD or FRR routing table, parsed from {@code birdc show route for PREFIX all} or
 * {@code vtysh show bgp ipv4|ipv6 unicast PREFIX json}.
 *
 * @param prefix the prefix
 * @param from where the path came from: the BIRD protocol name, or the FRR peer address ({@code peer.peerId});
 *     {@code null} for a locally originated path (BIRD static, FRR network)
 * @param nextHop the BGP next hop (BIRD {@code BGP.next_hop}, the first of several; FRR {@code nexthops[0].ip}),
 *     or null
 * @param asPath the AS_PATH as the daemons print it ("65002 65001"; empty for none)
 * @param origin "igp", "egp" or "incomplete"
 * @param med MULTI_EXIT_DISC, or null
 * @param localPref LOCAL_PREF, or null
 * @param communities RFC 1997 communities as "ASN:VALUE"
 * @param best the daemon selected it
 * @param multipath FRR: in the ECMP set ({@code multipath}, or the best path when others are); BIRD: always false
 */
public record BgpPath(String prefix, String from, String nextHop, String asPath, String origin, Long med,
        Long localPref, List<String> communities, boolean best, boolean multipath) {

    public BgpPath {
        communities = List.copyOf(communities);
    }

    /** The path carries community {@code c}. */
    public boolean has(String community) {
        return communities.contains(community);
    }

    @Override
    public String toString() {
        return prefix + " from " + from + (best ? " *best*" : "") + (multipath ? " multipath" : "") + " nh " + nextHop
                + " path [" + asPath + "] origin " + origin + " med " + med + " lp " + localPref + " comm "
                + communities;
    }
}
