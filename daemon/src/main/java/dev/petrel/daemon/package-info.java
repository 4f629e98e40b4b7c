/**
 * The {@code petrel} executable: a thin shell over the library modules.
 *
 * <p>Today: {@code petrel decode FILE}, which reads a pcap/pcapng capture, an MRT dump or a raw stream of BGP
 * messages and prints one JSON object per message, with the RFC 7606 outcome a speaker would apply (see
 * {@link dev.petrel.daemon.decode}); and {@code petrel check --config FILE}, which validates a configuration and
 * prints {@code configuration OK} or every error as {@code file:line: key: message} (see
 * {@link dev.petrel.daemon.check}). The sessions issue adds {@code run}, {@code show} and {@code reload},
 * signals, the admin socket and HTTP health and metrics.
 */
package dev.petrel.daemon;
