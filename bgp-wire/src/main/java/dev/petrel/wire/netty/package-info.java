/**
 * Thin Netty adapters over the transport-free codec: {@link dev.petrel.wire.netty.BgpFrameDecoder} frames,
 * {@link dev.petrel.wire.netty.BgpMessageDecoder} parses, {@link dev.petrel.wire.netty.BgpMessageEncoder} writes.
 * Framing is kept apart from parsing (as Netty's codec-dns does) so that the parser is a pure function tested
 * without channels, and the adapters are tested with {@code EmbeddedChannel} under paranoid leak detection.
 *
 * <p>Threading: each instance belongs to one channel and is used only from its event loop.
 */
package dev.petrel.wire.netty;
