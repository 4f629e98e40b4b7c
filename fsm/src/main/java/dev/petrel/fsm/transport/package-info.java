/**
 * The BGP transport: TCP sockets for sessions, with the per-peer socket options BGP needs. No FSM logic lives
 * here; the session handler (in {@code dev.petrel.fsm}) is handed a connected channel and does the rest.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.petrel.fsm.transport.BgpTransport} owns one Netty event loop group (one thread per core by
 *       default) for listeners and sessions alike. {@code listen} binds listeners and asks an
 *       {@link dev.petrel.fsm.transport.AcceptPolicy} about each accepted connection; {@code connect} opens one
 *       to a peer described by {@link dev.petrel.fsm.transport.TransportSettings}.</li>
 *   <li>{@link dev.petrel.fsm.transport.BgpPipeline} installs the {@code bgp-wire} codecs, so that the session
 *       handler reads {@code DecodeResult}s and writes {@code BgpMessage}s.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Each channel is bound to one event loop for life; its handlers, the accept policy call for it and
 * {@code BgpPipeline.applyContext} all run there and must not block. Listener configuration
 * ({@code listen}, {@code setListenerMd5Keys}, {@code setListenerTtlFloors}, {@code configureListeners},
 * {@code close}) blocks briefly and is for a control thread, not an event loop.
 *
 * <h2>Native transport</h2>
 * Epoll is used when available: it is the only Netty transport that can set {@code TCP_MD5SIG} and raw
 * {@code setsockopt} integers ({@link io.netty.channel.unix.IntegerUnixChannelOption}). Without it the transport
 * falls back to NIO with a warning; sessions then use the system default TTL, and anything that needs MD5 or
 * GTSM fails (a failed connect future, an exception from the listener setters, an accepted connection closed
 * with an ERROR line) rather than running unprotected. Options are set and checked by this package, never
 * through {@code Bootstrap.option}, which only logs a warning when an option cannot be set.
 *
 * <h2>Accepting</h2>
 * The policy is consulted in the accepted channel's initializer, which runs when the channel registers: before
 * {@code channelActive}, so before any read. A rejected connection is closed with {@code SO_LINGER 0} (an RST:
 * the client learns at once and no TIME_WAIT is left here), counted in {@code rejectedConnections()}, and logged
 * at DEBUG at most once a second with the number left out, so that a flood of SYNs does not flood the log. No
 * session state exists for it. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, seen when an IPv4 client
 * reaches a dual-stack listener) are normalised to IPv4 before the policy sees them.
 *
 * <p>IPv6 listeners are {@code IPV6_V6ONLY} by default, so {@code 0.0.0.0:179} and {@code [::]:179} can both be
 * bound (with {@code SO_REUSEADDR}), as FRR does; {@code TransportConfig.ipv6Only(false)} makes an IPv6
 * wildcard listener dual-stack instead.
 *
 * <h2>TCP MD5 (RFC 2385)</h2>
 * An outgoing socket gets {@code TCP_MD5SIG} for the peer's address before the SYN. Listeners get one key per
 * configured peer address ({@code setListenerMd5Keys}, or {@code configureListeners} from the peer list); the
 * kernel picks the key by the SYN's source address, drops unsigned or badly signed segments from an address that
 * has a key (counted in {@code TcpExt.TCPMD5NotFound} / {@code TCPMD5Failure}) and copies the key to the accepted
 * socket. IPv4 keys on a dual-stack IPv6 listener are passed as IPv4-mapped addresses (Netty does the mapping),
 * which Linux files as IPv4 keys; this is tested. An accepted peer whose configuration has a key the listener
 * does not hold is closed: its handshake was not authenticated. TCP-AO (RFC 5925) is not supported.
 *
 * <p>Listen ranges get one key per prefix ({@code setListenerMd5PrefixKeys}): {@code TCP_MD5SIG_EXT} with
 * {@code TCP_MD5SIG_FLAG_PREFIX} and the prefix length ({@link dev.petrel.fsm.transport.Md5PrefixOption}), which
 * Netty's {@code TCP_MD5SIG} option cannot express; its {@link io.netty.channel.unix.RawUnixChannelOption} passes
 * the {@code struct tcp_md5sig} bytes to {@code setsockopt} on the listener's own descriptor. The kernel keeps
 * prefix keys beside exact ones and uses the longest match, so a configured peer's exact key inside a range wins;
 * Netty deletes only the exact addresses it set, and the transport deletes only the prefixes it set, so neither
 * call disturbs the other's keys (tested on loopback, IPv4, IPv6 and dual-stack). The accept check uses the same
 * longest match.
 *
 * <h2>TTL and GTSM (RFC 5082)</h2>
 * <ul>
 *   <li>Without GTSM a session sends with TTL (hop limit) {@code hops}: 1 for a directly connected eBGP peer, more
 *       for eBGP multihop, and 255 for iBGP (callers pass it). Nothing is checked on receipt.</li>
 *   <li>With GTSM a session sends with 255 and the socket drops segments below {@code 256 - hops}
 *       ({@code IP_MINTTL}, {@code IPV6_MINHOPCOUNT}; counted in {@code TcpExt.TCPMinTTLDrop}). RFC 5082 §3
 *       asks that the check be done as early as possible, before any TCP processing.</li>
 *   <li>Outgoing sockets get both before the SYN, so even the SYN-ACK is checked.</li>
 *   <li>Listeners send with 255 (as BIRD's listening socket does), so that our SYN-ACK passes a GTSM peer's
 *       check; each accepted socket then gets its peer's TTL and floor in the initializer, before the first read
 *       and before the session handler is added (as BIRD's {@code bgp_incoming_connection} and FRR's
 *       {@code bgp_set_socket_ttl} after {@code accept} do).</li>
 *   <li>A floor on a listener applies to every peer, including to their SYNs, so it is set only when every
 *       configured peer of that address family uses GTSM ({@code configureListeners}); it is then the lowest
 *       of their floors. BIRD and FRR never set one on listeners.</li>
 * </ul>
 * Residual risk, when the listener carries no floor: the three-way handshake itself is not TTL-checked, so a
 * far-away host spoofing a configured peer's address can complete it (given a guessable ISN, or from a position
 * that sees our SYN-ACK) and make us accept and then drop a connection; and a segment that arrives between
 * {@code accept} and the {@code setsockopt} in the initializer is queued unchecked. The first is the usual GTSM
 * exposure of a shared listener (FRR and BIRD share it); the second is a window of one event-loop turn, and a
 * spoofer that can hit it can already complete handshakes. MD5, where configured, covers both.
 *
 * <h2>Flow control</h2>
 * Every session channel has write buffer water marks ({@code TransportConfig.writeBufferWaterMark()}, default
 * 64 KiB / 256 KiB): a sender checks {@code Channel.isWritable()} and waits for
 * {@code channelWritabilityChanged} rather than queueing without bound. Reading stays on ({@code AUTO_READ}); the
 * session handler turns it off with {@code channel.config().setAutoRead(false)} while its consumer (the RIB) is
 * behind and back on when it catches up, so that TCP pushes back on the peer. Buffers come from the pooled
 * allocator; {@code TCP_NODELAY} is on (BGP messages are written whole and should leave at once) and
 * {@code SO_KEEPALIVE} off (the hold timer does that job).
 */
package dev.petrel.fsm.transport;
