/**
 * The daemon's admin socket: how {@code petrel show} asks a running daemon about its sessions.
 *
 * <p>A Unix domain socket, by default {@code /run/petrel/petrel.sock}, mode 0660 in a directory created 0750, so
 * that the daemon's user and group may ask and nobody else. One question per connection: the client sends one
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
 * Readers must ignore fields they do not know; new fields may be added, none renamed or removed.
 */
package dev.petrel.daemon.admin;
