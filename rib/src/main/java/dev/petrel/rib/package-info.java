/**
 * The routing tables: Adj-RIB-In (before and after import policy), the decision process, Loc-RIB and
 * Adj-RIB-Out with update groups.
 *
 * <p><b>Candidates.</b> A route to a prefix from one {@link dev.petrel.rib.Source} is a {@link dev.petrel.rib.Path};
 * the paths of a prefix form a singly linked list, and the decision process sees each as a
 * {@link dev.petrel.rib.Candidate}: its attributes after import policy, where it came from, whether it is eligible.
 *
 * <p><b>The decision process</b> ({@link dev.petrel.rib.BestPath}) is one comparator over the steps of RFC 4271
 * §9.1.2.2 and RFC 4456 §9 that reports the step that decided ({@link dev.petrel.rib.DecisionStep}), and selection
 * over a prefix's list: the best path, the ECMP set ({@link dev.petrel.rib.Selection}) and, for
 * {@code show routes PREFIX --explain}, every candidate with its rank and why it lost
 * ({@link dev.petrel.rib.Explanation}). Best-path and ECMP selection over the path list allocate nothing. Where
 * Petrel adds to the RFC, each documented on its step and in {@code BestPath}:
 * <ul>
 *   <li>a locally originated route beats a learned one right after LOCAL_PREF, as in FRR;
 *   <li>a stale route (RFC 4724) loses to a fresh one only just before the peer address, as in FRR;
 *   <li>ADD-PATH paths from one peer are ordered by path id, and no step looks at arrival time ("oldest eBGP
 *       route"), so the result depends only on the candidates;
 *   <li>deterministic MED is on by default ({@link dev.petrel.rib.DecisionOptions#DEFAULT}): MED compared only within
 *       a neighbour AS is not transitive, and a single pass would depend on arrival order;
 *   <li>ECMP follows FRR's rules: equal through IGP cost, and the same neighbour AS (eBGP) or an identical AS_PATH
 *       (iBGP) unless as-path multipath-relax; never local routes.
 * </ul>
 *
 * <p><b>The RIB thread.</b> {@link dev.petrel.rib.Rib} owns every table on one thread, fed by typed
 * {@code RibCommand}s; readers get immutable snapshots through {@link dev.petrel.rib.Rib#query}. Backpressure:
 * {@code routes()} answers false above a high-water mark and the session pauses reading until the RIB resumes it.
 * Tables are arrays indexed by a dense prefix id ({@code table.PrefixIndex}); attribute sets are interned with
 * reference counts ({@code table.AttributeInterner}); a {@code Path} holds the received and post-policy sets, so
 * Adj-RIB-In before and after policy costs one object per route and an import-policy change is re-applied from
 * memory ({@link dev.petrel.rib.Rib#reconfigure}).
 *
 * <p><b>Observers and reading holds.</b> The embedding API streams the tables through
 * {@link dev.petrel.rib.RibObserver}s ({@link dev.petrel.rib.Rib#observe}): on the RIB thread an observer first reads
 * a snapshot from the {@link dev.petrel.rib.RibView} it is handed ({@code bestRoutes}, {@code ribIn},
 * {@code endOfRibReceived}), then is told every change after it in decision order, so snapshot plus events is the
 * table with no gap and no duplicate. Paths change in place, so the import code records a path's state just before
 * changing it ({@code Observers}) and an event goes out only when what a subscriber sees differs: a re-announcement
 * that changes nothing is silent. With no observer attached the import path pays one array-length check per prefix
 * and allocates nothing; nor does it for a kind of event no attached observer wants at the moment
 * ({@code wantsBestPaths}, {@code wantsAdjRibIn}). An observer only records; one that consumes too slowly can {@link
 * dev.petrel.rib.Rib#holdReading}: while any hold is on, {@code routes()} answers false as if the queue were full
 * and paused sessions stay paused; the last {@link dev.petrel.rib.Rib#releaseReading} wakes the RIB thread to resume
 * them. The RIB thread never waits for a holder: the peers do, through TCP.
 *
 * <p><b>Import</b> ({@code RibState}): AS loop with {@code allow-own-as}, our ORIGINATOR_ID or our cluster ID in
 * CLUSTER_LIST from iBGP (RFC 4456 §8), unusable next hops;
 * LOCAL_PREF from eBGP dropped (RFC 4271 §5.1.5); import policy ({@code rib.policy}); RFC 7606 treat-as-withdraw
 * removes the earlier route; route limits (warn, reject, or AutomaticStop with Cease/1 carrying AFI/SAFI/limit,
 * RFC 4486 — the session restarts after its IdleHold back-off, as BIRD's {@code action restart}; FRR stays down
 * unless told to restart); enhanced route refresh (RFC 7313) stale marking and sweeping.
 *
 * <p><b>Export</b> ({@code UpdateGroup}, {@code Exporter}, {@code Packer}): peers whose UPDATEs would be identical
 * share one Adj-RIB-Out and one encoding, written to every member as shared slices of one buffer; a member whose
 * channel stays unwritable for {@code RibSettings.slowMember} (30 s) while others wait is split out into a group
 * of its own, so it never holds the others back for long. Deliberate choices: sender-side AS-loop suppression
 * towards eBGP (as GoBGP; BIRD and FRR send and let the peer drop it); iBGP-learned routes go to iBGP peers only by
 * route
 * reflection (RFC 4456 §6: from a route-reflector client to every iBGP peer, from a non-client to clients only,
 * so nothing without clients); a reflected route gets ORIGINATOR_ID if absent and our cluster ID prepended to
 * CLUSTER_LIST, and nothing else changes: its next hop stays whatever {@code next-hop} says (next-hop self
 * applies only to routes not reflected), export policy filters it but its changes are not applied (as FRR
 * without {@code allow-outbound-policy}); no route goes back to the peer it came from (as BIRD; FRR holds it back
 * only from a peer alone in its update group; RFC 4456 §8 would let the client drop it by ORIGINATOR_ID): the
 * group still encodes once, and cuts that peer's own routes out of the shared buffer it is written
 * ({@code Packer.forMember}); a static route with a next hop keeps it under
 * {@code next-hop = keep}, other local routes always carry our address; an IPv6 route over an IPv4 session
 * carries our IPv4 address mapped into IPv6 ({@code ::ffff:a.b.c.d}, as BIRD does without a configured address).
 * ADD-PATH (RFC 7911) both ways: received, several paths per peer and prefix; sent, to a group whose peers
 * negotiated it, as the eligible paths in decision order (all, or the best N, then each through the export
 * rules), each with the path's own {@code sendId}, stable for the life of the path.
 *
 * <p><b>Graceful restart, our side</b> (RFC 4724 §4.1): {@link dev.petrel.rib.Rib#deferOutput} holds back every
 * UPDATE and End-of-RIB while the tables fill after a restart of ours; the speaker releases it once every peer
 * has sent End-of-RIB, so each peer gets the whole table before our End-of-RIB.
 *
 * <p><b>Graceful restart, the peer's side</b> (RFC 4724 §4.2): {@link dev.petrel.rib.Rib#peerDown(RibPeer, String,
 * StaleRetention)} keeps the paths of the listed families, flagged stale, in the decision and the FIB; the next
 * session takes over the peer's {@link dev.petrel.rib.Source} when it is the same, so re-sent paths replace their
 * stale selves in place, and End-of-RIB sweeps what is still stale. A family without the F bit, another router
 * ID, the restart time passing while the peer is away, or no End-of-RIB within the configured wait, ends them
 * sooner; the deadlines are checked on the RIB thread after each batch and once a second when idle.
 *
 * <p><b>Not built yet:</b> LLGR (RFC 9494: depreferring stale paths), merging a slow peer split out of its update
 * group back into it, MRAI.
 *
 * <p><b>Supported standards:</b> RFC 4271 §9 (decision, update-send rules), §5.1 (attribute handling per peer
 * type); RFC 4456 §6-9 (reflection rules, ORIGINATOR_ID and CLUSTER_LIST, their loop checks, tie-breakers); RFC 5065 §5.3 (confederation segments do not
 * count in AS_PATH length); RFC 1997 (NO_EXPORT, NO_ADVERTISE, NO_EXPORT_SUBCONFED); RFC 4486 (Cease/1 data);
 * RFC 4724 (End-of-RIB sent and awaited, stale routes in the decision); RFC 7313 (enhanced route refresh); RFC 7606
 * (treat-as-withdraw); RFC 7911 (ADD-PATH receive and send; path identifiers as the last tie-breaker); RFC 8212 (eBGP
 * without policy exchanges nothing: the speaker maps an unset policy to none and logs it).
 */
package dev.petrel.rib;
