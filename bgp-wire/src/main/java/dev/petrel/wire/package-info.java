/**
 * The BGP wire codec: bytes to typed messages and back, with RFC 7606 error handling as values.
 *
 * <h2>Shape</h2>
 * <pre>
 *   bytes --Framing--> one message --MessageDecoder.decode(buf, off, len, SessionContext)--> DecodeResult
 *                                                                                 (message | problems)
 *   BgpMessage --MessageEncoder / UpdateEncoder.announce|withdraw (SessionContext)--> bytes
 * </pre>
 * Framing ({@link dev.petrel.wire.Framing}) only decides where a message ends; parsing is a pure function of the
 * message bytes and the {@link dev.petrel.wire.SessionContext} the session negotiated (4-octet AS, ADD-PATH per
 * family and direction, extended message, extended next hop, eBGP or iBGP). Netty adapters in
 * {@link dev.petrel.wire.netty} are thin; capture and MRT readers in {@link dev.petrel.wire.capture} feed the same
 * decoder.
 *
 * <p>Messages are records of a sealed interface ({@link dev.petrel.wire.BgpMessage}); path attributes are held in
 * one canonical byte form ({@link dev.petrel.wire.attr.PathAttributes}: sorted, 4-octet ASNs, one entry per type)
 * so the RIB can intern them by content; NLRI are primitive arrays ({@link dev.petrel.wire.nlri.PrefixList}), not
 * an object per prefix. A family is added by one {@link dev.petrel.wire.nlri.NlriCodec} registered in
 * {@link dev.petrel.wire.nlri.NlriCodecs}; an attribute by one row of {@code attr.AttributeSpecs}.
 *
 * <h2>Errors are values</h2>
 * Decoding never throws on peer input and reads nothing outside the message. Every defect is a
 * {@link dev.petrel.wire.Problem} with the RFC 7606 action ({@link dev.petrel.wire.ErrorAction}: none, attribute
 * discard, treat-as-withdraw, session reset) and the NOTIFICATION code, subcode and data RFC 4271 associates with
 * it; the strongest decides (RFC 7606 §3(h)). A treat-as-withdraw result still carries the decoded UPDATE so the
 * RIB can withdraw every route in it. As a last line of defence {@code MessageDecoder} turns an unexpected
 * runtime exception (a bug of ours) into a session reset; the fuzz tests call the decoders without that net.
 *
 * <h2>Decisions where the RFCs leave room, or where BIRD and FRR differ</h2>
 * <ul>
 *   <li>Capabilities that may repeat (ADD-PATH, extended next hop, multiprotocol) are negotiated over every
 *       instance in an OPEN (RFC 5492 §4), as BIRD and FRR do.</li>
 *   <li>MP_REACH_NLRI / MP_UNREACH_NLRI content errors (bad next-hop length, NLRI overrun, too short): session
 *       reset with 3/9 Optional Attribute Error, as RFC 4760 §7 names it (BIRD also uses 3/9; FRR sends 3/1).
 *       Duplicated MP attributes: 3/1 (RFC 7606 §3(g)). MP attributes with wrong flags: 3/4. Petrel does not
 *       implement the optional AFI/SAFI-disable approach; it resets, as most implementations do.</li>
 *   <li>MP_REACH/MP_UNREACH of a family that was not negotiated, or that Petrel does not decode: ignored and
 *       logged, no reset (as BIRD).</li>
 *   <li>An unrecognised attribute with the Optional bit clear: treat-as-withdraw (RFC 4271 says reset 3/2; BIRD
 *       and FRR withdraw; RFC 7606 leaves it open).</li>
 *   <li>AS_SET and AS_CONFED_SET in AS_PATH: treat-as-withdraw (RFC 9774). AS 0 anywhere: treat-as-withdraw
 *       (RFC 7607). Confederation segments from an eBGP peer: treat-as-withdraw (RFC 5065).</li>
 *   <li>Leftmost AS of an eBGP route not the peer's AS, or an empty AS_PATH from eBGP: treat-as-withdraw when the
 *       context enables the check (RFC 7606 §7.2 SHOULD); route servers turn it off.</li>
 *   <li>A semantically invalid NEXT_HOP (0/8, 127/8, 224/4 and above) with IPv4 NLRI: treat-as-withdraw and no
 *       NOTIFICATION (RFC 4271 §6.3 says ignore the route; withdrawing also removes an earlier version). Checks
 *       that need configuration (our own address, not on a connected subnet) are the RIB's.</li>
 *   <li>LOCAL_PREF, ORIGINATOR_ID, CLUSTER_LIST from eBGP: attribute discard (RFC 7606 §7.5, §7.9, §7.10).
 *       Prefix-SID and BGP-LS from eBGP: attribute discard, so they are never propagated (RFC 8669 §6; the
 *       2023 and 2025 attribute 29/40 incidents).</li>
 *   <li>AS4_PATH / AS4_AGGREGATOR between two 4-octet speakers: attribute discard (RFC 6793 §6); with a
 *       confederation segment, or longer than AS_PATH: discarded/ignored (§4.2.3).</li>
 *   <li>Unknown optional transitive attributes are kept byte-exact with the Partial bit set, since Petrel would pass
 *       them on without understanding them (RFC 4271 §5). Whether they are propagated is export policy's call.</li>
 *   <li>The reserved low four flag bits are ignored on receipt (RFC 4271 §4.3).</li>
 *   <li>A problem carries the subcode RFC 4271 §6.3 names, which matters when §5.2 escalates it to a reset: a
 *       length that conflicts with the attribute's is 3/5 Attribute Length Error whatever the attribute; flags
 *       3/4; otherwise the attribute's own (3/6 ORIGIN value, 3/8 NEXT_HOP, 3/11 AS_PATH, 3/9 optional).</li>
 *   <li>An UPDATE without reachable NLRI whose problems need more than attribute discard resets the session
 *       (RFC 7606 §5.2); End-of-RIB markers are exempt.</li>
 *   <li>End-of-RIB (RFC 4724 §2) is decided by the decoder ({@link dev.petrel.wire.DecodeResult#endOfRib()}): an
 *       UPDATE that carried attributes on the wire is never one, even when every attribute was dropped, so that a
 *       malformed UPDATE cannot end a graceful-restart stale phase early.</li>
 *   <li>NOTIFICATION data is what RFC 4271 §6.3 names, never more than was received: the whole erroneous
 *       attribute (header included) for UPDATE errors, the length field for 1/2, the type for 1/3, 0004 for 2/1,
 *       and the complete message for a ROUTE-REFRESH length error (RFC 7313 §5).</li>
 *   <li>ROUTE-REFRESH: BoRR/EoRR with a body other than 4 octets is 7/1 (RFC 7313 §5); a request may carry ORF
 *       entries, which are kept; subtypes 3-255 decode and are for the session to ignore.</li>
 *   <li>OPEN: the checks that need no configuration are here (version 4: else 2/1 with data 0004; hold time 1 or
 *       2: 2/6; BGP Identifier 0: 2/3; malformed parameters or capabilities: 2/0; two different Role capabilities:
 *       2/11). Peer AS, required capabilities and role pairs are the session's. An ADD-PATH capability with a
 *       Send/Receive value other than 1, 2 or 3 is not an error but an unknown capability, ignored (RFC 7911 §4).</li>
 * </ul>
 *
 * <h2>Supported standards</h2>
 * RFC 4271 (BGP-4), RFC 1997 (communities), RFC 2918 (route refresh), RFC 4360 (extended communities),
 * RFC 4456 (ORIGINATOR_ID, CLUSTER_LIST), RFC 4486 (Cease subcodes), RFC 4724 (graceful restart capability),
 * RFC 4760 (multiprotocol), RFC 5065 (confederation segments), RFC 5492 (capabilities), RFC 5701 (IPv6 extended
 * communities, length check), RFC 6286 (BGP Identifier), RFC 6396 (MRT, in the readers), RFC 6608 (FSM error
 * subcodes, names), RFC 6793 (4-octet AS), RFC 7311 (AIGP, length check), RFC 7313 (enhanced route refresh),
 * RFC 7606 (revised error handling), RFC 7607 (AS 0), RFC 7911 (ADD-PATH), RFC 8050 (MRT ADD-PATH),
 * RFC 8092 (large communities), RFC 8538 (GR notification, Hard Reset), RFC 8654 (extended messages),
 * RFC 8669 (Prefix-SID, length check and eBGP discard), RFC 8950 (extended next hop), RFC 9003 (shutdown
 * communication), RFC 9012 (tunnel encapsulation, TLV check), RFC 9072 (extended optional parameters),
 * RFC 9234 (roles, OTC), RFC 9384 (BFD Cease subcode, name), RFC 9494 (long-lived GR), RFC 9687 (send hold
 * timer, NOTIFICATION code), RFC 9774 (AS_SET deprecation).
 *
 * <h2>Threading</h2>
 * Every class is immutable or used by one thread at a time. The decoder keeps per-thread scratch space (a
 * {@code ThreadLocal}), so a well-formed UPDATE allocates only what it returns; decoding is not re-entrant on one
 * thread.
 */
package dev.petrel.wire;
