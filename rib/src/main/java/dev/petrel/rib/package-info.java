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
 * <p><b>Not built yet</b> (issue "Routes"): one RIB thread that is the only writer of every table, fed by a bounded
 * queue of typed commands; policy evaluation; attribute interning (of {@code dev.petrel.wire.PathAttributes}, whose
 * equality is over canonical bytes); route limits; graceful-restart stale handling; applying the RFC 7606
 * treat-as-withdraw outcomes from {@code bgp-wire}.
 *
 * <p><b>Supported standards</b> (decision process): RFC 4271 §9.1.1 and §9.1.2.2; RFC 4456 §9 (ORIGINATOR_ID,
 * CLUSTER_LIST length); RFC 5065 §5.3 (confederation segments do not count in AS_PATH length); RFC 4724 (stale
 * routes); RFC 7911 (path identifiers as the last tie-breaker).
 */
package dev.petrel.rib;
