/**
 * Route reflection (RFC 4456) and dynamic neighbours.
 *
 * <p>The RFC 4456 rules themselves (the client/non-client matrix, ORIGINATOR_ID and CLUSTER_LIST, the loop checks,
 * the tie-breakers) are in the RIB's import, decision and export ({@code dev.petrel.rib}): a second RIB would be a
 * second copy of every route. This module holds what is not a route: the listen ranges.
 *
 * <p>The story of a dynamic neighbour: the configuration ({@code dev.petrel.config.ListenRange}) gives each range a
 * prototype peer, its keys over its template's over {@code peer-defaults}. When a connection arrives from an
 * address that is no configured peer's, the speaker asks {@link dev.petrel.rr.DynamicNeighbors#admit}: the most
 * specific range that holds the address ({@link dev.petrel.rr.ListenRanges}) is chosen; an address that already
 * has a peer gets it again; otherwise, if the range holds fewer than its {@code max-peers}, a peer named
 * {@code RANGE/ADDRESS} is made from the prototype, under the one lock that also guards the counts, so that
 * connections accepted at once on several event loops never make two peers for one address or overfill a range.
 * A refusal (outside every range, or a full range) is counted, per range for a full one. When the peer's session
 * ends, the speaker {@linkplain dev.petrel.rr.DynamicNeighbors#remove removes} it, freeing its place, and a later
 * connection from the address makes a fresh peer.
 *
 * <p>Against FRR and BIRD:
 * <ul>
 *   <li>FRR's {@code bgp listen limit} is one limit for the whole router; here {@code max-peers} is per range (with
 *       FRR's default, 100). BIRD has no limit.</li>
 *   <li>FRR names a range by its peer-group; a range here is named by its template unless it has a name of its
 *       own. A dynamic peer is {@code RANGE/ADDRESS}; BIRD calls them {@code dynbgp1}, {@code dynbgp2}, ...,
 *       which says nothing of where they came from.</li>
 *   <li>{@code remote-as} is a number or {@code internal}; FRR's and BIRD's {@code external} (any AS but ours) is
 *       not supported yet.</li>
 *   <li>A range's password is one kernel prefix key for the whole CIDR, as FRR does it
 *       ({@code TCP_MD5SIG_EXT}); BIRD 2 has the same with {@code neighbor range ... password}.</li>
 *   <li>A connection beyond the limit is reset before a byte is read, rather than sent a NOTIFICATION: nothing was
 *       said to it, and a flood costs an accept and a close.</li>
 * </ul>
 */
package dev.petrel.rr;
