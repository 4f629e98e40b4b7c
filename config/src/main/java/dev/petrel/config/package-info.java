/**
 * Configuration: HOCON through typesafe-config into immutable records.
 *
 * <p>The story of a load ({@link dev.petrel.config.ConfigLoader}):
 * <pre>
 *   file / text / classpath resource
 *      │ parse (HOCON syntax always; a syntax error is a ConfigError with file and line)
 *      ▼
 *   the user's tree ── substitutions resolved against itself, reference.conf and the environment
 *      │
 *      ▼  PetrelReader: the petrel block        (unknown keys, router-id, local-as, listen, admin.socket, rib)
 *      ▼  HttpReader:   admin.http (loopback, or any address with admin.tls), ready-grace
 *      ▼  PolicyReader: each policy, its rules, their match and then blocks (against petrel-schema)
 *      ▼  StaticRouteReader: each static route (against petrel-schema; prefixes unique)
 *      ▼  PeerReader:   each peer over peer-defaults over reference.conf (each key, then keys together;
 *      │                policy names resolved against the policies read above)
 *      ▼  ListenRangeReader: each peer template on its own; each listen range, its keys over its template's
 *      │                over peer-defaults (prefixes and names unique, remote-as a number or internal)
 *      ▼  PetrelReader: across peers            (unique names and addresses, passive needs listen)
 *      ▼  CrossChecks:  across blocks           (admin.http not on a listen port: an error; a local-address or
 *      │                listen address not on this host, a peer inside a listen range: warnings)
 *   ConfigResult: Valid(PetrelConfig, warnings) or Invalid(every ConfigError, in line order; warnings)
 * </pre>
 *
 * <p>{@code reference.conf} is the schema: the keys it has (with {@code name}, {@code address} and
 * {@code remote-as} for a peer, and {@code petrel-schema} for the objects inside {@code policies} and
 * {@code static-routes}) are the keys there are, with their defaults and a comment each. Defaults are
 * merged per object by {@link dev.petrel.config.Section} rather than over the whole tree, because typesafe-config
 * loses an object's line when it merges two objects, and an error about a key a peer left out points at the
 * peer. A value that came from reference.conf is never blamed: the error points at the object that took it.
 *
 * <p>Decisions, each a deviation from what a HOCON library or another daemon would do by default:
 * <ul>
 *   <li>An unknown key anywhere under {@code petrel} is an error, with the nearest known key suggested: a
 *       typo silently ignored is a lost setting.</li>
 *   <li>Every error is collected before answering; the first one does not stop the checks.</li>
 *   <li>A time needs a unit and is whole seconds: HOCON reads a bare {@code 90} as 90 milliseconds.</li>
 *   <li>Addresses are literals, parsed without {@link java.net.InetAddress#getByName}'s DNS lookup and without
 *       its legacy IPv4 forms; IPv6 addresses are compared as addresses, not as text.</li>
 *   <li>{@code keepalive} unset means a third of the negotiated hold time (RFC 4271 §10), and
 *       {@code send-hold-time} unset means max(8 minutes, 2 × hold time) (RFC 9687).</li>
 *   <li>{@code import} and {@code export} left out are recorded as unset, per family, rather than filled in:
 *       {@link dev.petrel.config.PeerConfig#importPolicy} then answers none for eBGP (RFC 8212) and all for iBGP
 *       (as BIRD and FRR do), and {@link dev.petrel.config.PeerConfig#importExplicit} lets the daemon log that
 *       it applied the rule.</li>
 *   <li>A policy's {@code then} block is applied in a fixed order (removals before additions) whatever the
 *       order written: HOCON objects have no order.</li>
 *   <li>A prefix with host bits set is refused, with the prefix it probably meant, rather than masked.</li>
 *   <li>Substitutions come from the environment only; Java system properties are never merged in.</li>
 *   <li>The TCP MD5 key is a {@link dev.petrel.config.Password} whose {@code toString} hides it, so a
 *       {@link dev.petrel.config.PeerConfig} can be logged whole; no error message quotes it. It may come from
 *       {@code password-file} (read at load by {@code SecretFile}, one trailing newline stripped); then the
 *       password remembers the file, for {@link dev.petrel.config.SecretFiles} to watch.</li>
 *   <li>What depends on the host at the time of the check, not on the file, is a warning, never an error: a
 *       {@code local-address} or {@code listen} address not on any interface (checked through
 *       {@link dev.petrel.config.HostAddresses}, injectable so that tests give a fixed list). In a container the
 *       address may come after the check, and refusing the file would refuse a start that would have worked.</li>
 * </ul>
 *
 * <p>{@link dev.petrel.config.SecretFiles} watches secret files (their parent directories, through a
 * {@link java.nio.file.WatchService}, so Kubernetes' {@code ..data} symbolic-link swap is seen) and reports by
 * callback which changed, by content digest. Nothing in the daemon starts it yet: it is meant for reload.
 *
 * <p>The module depends on one module of Petrel's, {@code rib}, and so on {@code bgp-wire}: a deliberate
 * departure from "configuration depends on nothing". Policies are read straight into
 * {@link dev.petrel.rib.policy.Policy} objects, and static routes hold the wire's prefixes and communities,
 * because a configuration-side mirror of the policy model would be a second vocabulary to keep in step with the
 * first, with a translation between them to test. Everything else stays free of them: the speaker maps
 * {@link dev.petrel.config.AddressFamily} to the wire codec's family. Everything here is immutable and
 * thread-safe; loading does no network I/O (it lists the host's interfaces, and reads password files).
 *
 * <p>Reload compares two of these records by value: the per-peer plan is made in the speaker
 * ({@code dev.petrel.speaker.ReloadPlanner}), so that the rule for each key sits next to the code that applies it.
 */
package dev.petrel.config;
