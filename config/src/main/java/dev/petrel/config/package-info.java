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
 *      ▼  PetrelReader: the petrel block        (unknown keys, router-id, local-as, listen, admin.socket)
 *      ▼  PeerReader:   each peer over peer-defaults over reference.conf (each key, then keys together)
 *      ▼  PetrelReader: across peers            (unique names and addresses, passive needs listen)
 *   ConfigResult: Valid(PetrelConfig) or Invalid(every ConfigError, in line order)
 * </pre>
 *
 * <p>{@code reference.conf} is the schema: the keys it has (with {@code name}, {@code address} and
 * {@code remote-as} for a peer) are the keys there are, with their defaults and a comment each. Defaults are
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
 *   <li>{@code import} and {@code export} default to {@code none} for iBGP too (RFC 8212 asks it for eBGP).
 *       Named policies come in a later release; a name is an error until then.</li>
 *   <li>Substitutions come from the environment only; Java system properties are never merged in.</li>
 *   <li>The TCP MD5 key is a {@link dev.petrel.config.Password} whose {@code toString} hides it, so a
 *       {@link dev.petrel.config.PeerConfig} can be logged whole; no error message quotes it.</li>
 * </ul>
 *
 * <p>The module depends on nothing of Petrel's: the speaker maps {@link dev.petrel.config.AddressFamily} to the
 * wire codec's family. Everything here is immutable and thread-safe; loading does no network I/O.
 *
 * <p>Still to come (issue "Operations"): the difference between two configurations as a per-peer plan
 * (unchanged, soft reconfiguration, added, removed, reset) so that a reload touches only what changed.
 */
package dev.petrel.config;
