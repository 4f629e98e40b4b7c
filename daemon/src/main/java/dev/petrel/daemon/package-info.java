/**
 * The {@code petrel} executable: a thin shell over the library modules.
 *
 * <ul>
 *   <li>{@code petrel run --config FILE} ({@link dev.petrel.daemon.run}): the daemon in the foreground, a
 *       {@link dev.petrel.speaker.Speaker} plus the admin socket and the health endpoints; SIGTERM or SIGINT sends every peer Cease/2 with
 *       an RFC 9003 message and exits.</li>
 *   <li>{@code petrel show peers [--json]} ({@link dev.petrel.daemon.show}, {@link dev.petrel.daemon.admin}): asks
 *       the running daemon over its Unix socket; one JSON request line, one JSON answer, stable snake_case
 *       fields.</li>
 *   <li>{@code petrel check --config FILE} ({@link dev.petrel.daemon.check}): {@code configuration OK}, or every
 *       error as {@code file:line: key: message}.</li>
 *   <li>{@code petrel demo} ({@link dev.petrel.daemon.demo}): a two-node cluster in network namespaces (root) whose
 *       pods reach each other over the kernel routes Petrel installs; on loopback with a dry-run FIB otherwise.</li>
 *   <li>{@code petrel decode FILE} ({@link dev.petrel.daemon.decode}): captures, MRT dumps and raw streams into
 *       JSON lines with the RFC 7606 outcome of each message.</li>
 *   <li>{@code petrel reload [--dry-run] [--json]} and SIGHUP ({@link dev.petrel.daemon.reload}): re-read the
 *       configuration file and apply only what changed; an invalid file changes nothing.</li>
 * </ul>
 *
 * <p>{@code petrel run} also serves {@code /livez} and {@code /readyz} over HTTP on loopback
 * ({@link dev.petrel.daemon.health}).
 *
 * <p>Logs go to stderr (logback), so that stdout carries only command output. Reloading TLS certificates comes with
 * the operations issue.
 */
package dev.petrel.daemon;
