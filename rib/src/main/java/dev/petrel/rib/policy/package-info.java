/**
 * Import and export policy: named, reusable lists of rules that accept, reject and change routes.
 *
 * <p><b>The model.</b> A {@link dev.petrel.rib.policy.Policy} is a name, {@link dev.petrel.rib.policy.Rule}s in
 * order and a default verdict. The first rule whose {@link dev.petrel.rib.policy.Match}es all hold decides: its
 * verdict is final, and when it accepts, its {@link dev.petrel.rib.policy.Action}s are applied in order. No rule
 * matching leaves the default verdict, reject unless the policy says otherwise (RFC 8212: nothing passes that no
 * one allowed). {@code all} and {@code none} are the built-in policies {@link dev.petrel.rib.policy.Policy#ALL} and
 * {@link dev.petrel.rib.policy.Policy#NONE}. There is no "next rule" or "call another policy": a chain of filters
 * is written as one policy with their rules one after the other.
 *
 * <pre>
 *   PolicyInput (a cursor over one route)
 *      │  rule 0: match ∧ match ∧ ... ──no──▶ rule 1 ──no──▶ ... ──▶ default verdict
 *      │ yes
 *      ▼
 *   REJECT ─────────────────────────────▶ PolicyResult: rejected
 *   ACCEPT: actions in order on the attributes
 *      ▼
 *   PolicyResult: accepted, attributes (the same instance if unchanged), next-hop action, kernel priority
 * </pre>
 *
 * <p><b>Cost.</b> Policies run on the RIB thread for every route received and every route sent, so evaluation
 * reads the route in place: the RIB passes one reusable {@link dev.petrel.rib.policy.PolicyInput} cursor and one
 * reusable {@link dev.petrel.rib.policy.PolicyResult}, community and AS_PATH matches scan the canonical attribute
 * bytes, and nothing is allocated unless an action really changes the attributes. When the actions change nothing
 * (a community already there, LOCAL_PREF already at the value) the result holds the input's attribute set itself:
 * the RIB interns attribute sets and compares them by identity. The one exception is a next-hop match, which
 * copies the 4 or 16 octets of the address ({@link java.net.InetAddress} offers no other view).
 *
 * <p><b>Matches.</b> prefix (EQUAL, NOT_EQUAL, IN, NOT_IN with an optional length range), family, source (peer,
 * local, kernel), peer type (of the session: the peer a route comes from on import, goes to on export), interface
 * glob (with an exclude flag), standard or large community (any of a list), AS_PATH prefix, next hop (inside a
 * prefix), kernel priority. <b>Actions.</b> add or remove standard and large communities, prepend an AS (ours by
 * default) 1..10 times, set LOCAL_PREF, set MED, next hop self or keep, set the kernel priority.
 *
 * <p><b>Calico.</b> A node agent translates Calico's resources one to one:
 * <table>
 *   <caption>Calico BGPFilter and BGPPeer fields, and what expresses them here</caption>
 *   <tr><th>Calico</th><th>Petrel</th></tr>
 *   <tr><td>BGPFilter {@code importV4} / {@code exportV4} / {@code importV6} / {@code exportV6}</td>
 *       <td>one policy per direction; each rule gets a {@code FamilyMatch} of its list's family (a rule with a
 *       {@code cidr} is limited to that family anyway)</td></tr>
 *   <tr><td>rule {@code action: Accept} / {@code Reject}</td><td>{@code Verdict.ACCEPT} / {@code REJECT}</td></tr>
 *   <tr><td>{@code cidr} + {@code matchOperator: Equal} / {@code NotEqual} / {@code In} / {@code NotIn}</td>
 *       <td>{@code PrefixMatch} with {@code EQUAL} / {@code NOT_EQUAL} / {@code IN} / {@code NOT_IN}</td></tr>
 *   <tr><td>{@code prefixLength: {min, max}}</td><td>the range of an IN or NOT_IN {@code PrefixMatch}, after
 *       Calico's own clamping: min = max(min, cidr length), max = min(max, 32 or 128)</td></tr>
 *   <tr><td>{@code source: RemotePeers}</td><td>{@code SourceMatch(PEER)}</td></tr>
 *   <tr><td>{@code interface: "cali*"}</td><td>{@code InterfaceMatch("cali*", false)}</td></tr>
 *   <tr><td>{@code peerType: iBGP} / {@code eBGP}</td><td>{@code PeerTypeMatch(INTERNAL)} /
 *       {@code PeerTypeMatch(EXTERNAL)}</td></tr>
 *   <tr><td>{@code communities: {values: ["aa:nn"]}} / {@code ["aa:nn:mm"]}</td><td>{@code CommunityMatch} /
 *       {@code LargeCommunityMatch}</td></tr>
 *   <tr><td>{@code asPathPrefix: [a, b]}</td><td>{@code AsPathPrefixMatch([a, b])}</td></tr>
 *   <tr><td>{@code priority: n}</td><td>{@code KernelPriorityMatch(n)}</td></tr>
 *   <tr><td>operation {@code addCommunity: {value: "aa:nn"}} / {@code "aa:nn:mm"}</td>
 *       <td>{@code AddCommunities} / {@code AddLargeCommunities}</td></tr>
 *   <tr><td>operation {@code prependASPath: {prefix: [a, b]}}</td><td>{@code Prepend(b, 1)} then
 *       {@code Prepend(a, 1)}: each prepend goes in front, so the last written ends up first; or
 *       {@code Prepend(a, n)} for n times the same AS</td></tr>
 *   <tr><td>operation {@code setPriority: {value: n}}</td><td>{@code SetKernelPriority(n)}</td></tr>
 *   <tr><td>no rule matches (Calico falls through to its next filter, then to its built-in behaviour)</td>
 *       <td>the rules of the peer's filters one after the other in one policy, then rules for the built-in
 *       behaviour, or {@code Verdict.ACCEPT} as the default where Calico would accept</td></tr>
 *   <tr><td>BGPPeer {@code filters: [a, b]}</td><td>the peer's import and export policies (see above)</td></tr>
 *   <tr><td>BGPPeer {@code keepOriginalNextHop: true}</td>
 *       <td>{@code NextHopAction.KEEP}: the peer's {@code next-hop = keep} (config), or in a rule</td></tr>
 *   <tr><td>BGPPeer {@code numAllowedLocalASNumbers: n}</td><td>the peer's {@code allow-own-as = n} (config)</td></tr>
 * </table>
 *
 * <p>Where this goes beyond Calico: local and kernel sources, excluding an interface glob, next-hop and
 * LOCAL_PREF / MED actions, removing communities; a policy's default verdict.
 */
package dev.petrel.rib.policy;
