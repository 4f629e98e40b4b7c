/**
 * The daemon's admin socket: how {@code petrel show} asks a running daemon about its sessions.
 *
 * <p>A Unix domain socket, by default {@code /run/petrel/petrel.sock}, mode 0600 (the daemon's user only), or
 * 0660 and the group of {@code admin.socket-group}; a missing directory is created 0700 (0750 with a group).
 * {@link dev.petrel.daemon.admin.SocketAccess} binds it in a private staging directory and hard-links it into
 * place, so it never exists at its path with the umask's mode. One question per connection: the client sends one
 * line of JSON, {@code {"command": "show-peers"}}, the daemon answers with one JSON document and a newline and
 * closes. A failure is {@code {"error": "..."}}, e.g. {@code {"error": "unknown command X"}}. Requests are bounded
 * (64 KiB) and each connection has a deadline (5 s), so a stuck client holds nothing for long; handlers answer
 * from immutable snapshots on the connection's own thread and never touch a BGP event loop.
 *
 * <p>{@code show-peers} answers {@code {"time": ISO-8601, "peers": [PEER, ...]}}. Field names are snake_case
 * and stable; times are ISO-8601 UTC to the millisecond; a field with no value is null, never left out:
 * <pre>
 * name, address, remote_as, state (RFC 4271 name: Idle, Connect, Active, OpenSent, OpenConfirm, Established),
 * established_since, uptime_seconds (both null unless Established), last_state_change,
 * flaps (times the session reached Established),
 * last_error: {direction (sent, received, local), code, subcode, text, at} or null,
 * negotiated: {peer_router_id, peer_as, hold_time_seconds, keepalive_seconds, families, add_path_receive,
 *              add_path_send, capabilities, peer_capabilities} or null before OpenConfirm,
 * counters: {messages_received, messages_sent, updates_received, updates_sent, prefixes_received, prefixes_sent,
 *            notifications_received, notifications_sent}
 * </pre>
 *
 * <p>The route commands answer from the RIB: the handler asks {@code Rib.query} for an immutable snapshot, taken on
 * the RIB thread, and waits at most 3 s for it (less than the connection's deadline, so that a RIB busy with a
 * burst of UPDATEs is reported as such: {@code {"error": "the RIB did not answer within 3s (N commands queued
 * ahead of the question); try again"}}). Arguments are strings or JSON numbers and booleans; a bad one, or an
 * unknown peer, is an error that names it ({@code "no peer named x; peers: tor1, tor2"}). {@code family} is
 * {@code ipv4-unicast}, {@code ipv6-unicast} or {@code all} (the default); {@code limit} is 1 to 100000, 10000 by
 * default. The RIB is asked for one route more than the limit, and {@code truncated} says whether there were more;
 * a truncated answer is a subset of the table, sorted, not its first routes by prefix. Routes are sorted by prefix,
 * IPv4 first.
 * <pre>
 * show-routes [prefix, family, limit, explain]: {family, prefix, limit, truncated, routes: [ROUTE], explanation}
 *   prefix: "192.0.2.0/24" matched exactly, or an address "192.0.2.7" matched by the longest prefix with a best
 *   path (the route that forwards it); explain (with a prefix) fills explanation, otherwise null:
 *   {prefix, candidates: [{rank (1 best, 0 not eligible), multipath, lost_to, lost_at (a DecisionStep name:
 *   LOCAL_PREF, AS_PATH_LENGTH, ...), reason ("LOCAL_PREF 100 &lt; 200"), path: PATH}]}
 * show-rib-in {peer, family, limit}: {peer, family, limit, truncated, routes: [ROUTE]}, the peer's paths only
 * show-rib-out {peer, family, limit}: {peer, family, limit, truncated,
 *   routes: [{prefix, family, next_hop, link_local_next_hop, attributes: ATTRIBUTES}]}, as sent
 * show-routes-count: {families: [{family, prefixes, paths, best}],
 *   peers: [{peer, family, received, accepted, best, advertised}], update_groups,
 *   memory: {prefixes, paths, attribute_sets, attribute_bytes, table_bytes, path_bytes, attribute_set_bytes,
 *            total_bytes, bytes_per_route}}
 * show-fib [prefix, limit, diff]: {settings: {table, protocol, metric, persist}, counts: {installed, pending,
 *   failed, refused, stale, writes, errors: {ERRNO: N}, repairs, overruns, reconciles, converged, waiting_for},
 *   prefix, limit, truncated, entries: [{prefix, state, desired: KROUTE, installed: KROUTE, peer, problem,
 *   attempts}] or null with diff, diff: {missing: [KROUTE], extra: [KROUTE], different: [{desired, kernel}]} or
 *   null}; asked of the FIB thread as the route commands ask the RIB's; an error when kernel.enabled is off
 *   ("the kernel FIB is off (kernel.enabled = false)"), for a prefix without an entry ("no FIB entry for X"), and
 *   when the diff cannot read the kernel
 * KROUTE: {prefix, type (unicast, blackhole, ...), next_hops: [{gateway, ifindex, weight, onlink}], metric, table,
 *   protocol} or null
 * ROUTE: {prefix, family, paths: [PATH]}, the best path first
 * PATH: {source (peer name, "local" or "kernel"), source_kind (peer, local, kernel), path_id, best, eligible,
 *   ineligible_reason, stale, next_hop, link_local_next_hop, kernel_priority,
 *   received: ATTRIBUTES (before import policy), attributes: ATTRIBUTES or null (after; null when not eligible)}
 * ATTRIBUTES: {origin (IGP, EGP, INCOMPLETE), as_path ("65001 65002 {65003}": {} AS_SET, () AS_CONFED_SEQUENCE,
 *   [] AS_CONFED_SET; "" empty), next_hop, med, local_pref, communities ["65000:100", "no-export"],
 *   large_communities ["65000:1:2"], extended_communities ["rt:65000:100"], atomic_aggregate,
 *   aggregator {as, address}, originator_id, cluster_list, otc, other: [{type, flags ("0xe0"), hex}]}
 * </pre>
 * Addresses are RFC 5952 text. Readers must ignore fields they do not know; new fields may be added, none renamed
 * or removed.
 */
package dev.petrel.daemon.admin;
