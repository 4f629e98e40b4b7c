/**
 * Capture readers: turn packet captures, MRT dumps and raw message files into a stream of BGP records, for
 * replay tests, fuzz seed corpora and benchmarks.
 *
 * <h2>The story</h2>
 * {@link dev.petrel.wire.capture.CaptureReader} reads a whole file, removes gzip or bzip2 wrapping by magic number
 * ({@code Decompression}), detects the format from the content and hands it to one reader. Each reader calls the
 * caller's sink with {@link dev.petrel.wire.capture.CaptureRecord}s in file order:
 * {@link dev.petrel.wire.capture.BgpMessageRecord} (a complete message, header included, exactly as on the wire),
 * {@link dev.petrel.wire.capture.RibEntryRecord} (a route from a table dump),
 * {@link dev.petrel.wire.capture.StateChangeRecord} (a collector's FSM transition) and
 * {@link dev.petrel.wire.capture.CaptureProblem} (something that could not be read). Readers never throw on
 * content: whatever the bytes, they report problems and go on, and every loop advances by at least one octet,
 * every length field is checked against what remains before it is used, and every buffer is bounded.
 *
 * <h2>Packet captures</h2>
 * {@code PcapReader} (libpcap, both byte orders, micro- and nanosecond magic) and {@code PcapngReader} find frames;
 * {@code PacketPipeline} sends each through {@code LinkLayer} (link header to IP), {@code IpPacket} (IPv4 options,
 * IPv6 extension headers, TCP header) and, for TCP port 179 or 1179 on either side, {@code TcpReassembler}, which
 * rebuilds each direction of each connection by sequence number (retransmissions, overlaps, reordering,
 * wrap-around, captures started mid-connection, gaps) and feeds a {@code BgpStreamSplitter}, which cuts the byte
 * stream into messages with {@link dev.petrel.wire.Framing#check} and resynchronises on the next marker after a bad
 * header or a gap.
 *
 * <p>Link types: 0 BSD loopback (family in either byte order), 1 Ethernet (802.1Q/802.1ad tags, SNAP, PPPoE,
 * MPLS), 9 and 50 PPP, 12, 14, 101, 228, 229 raw IP, 104 Cisco HDLC, 108 OpenBSD loopback, 113 Linux SLL,
 * 276 Linux SLL2, 178 Juniper Ethernet (MGC cookie, extension TLVs). Any other link type is reported once per file
 * and its frames skipped.
 *
 * <p>Not supported, on purpose: IP fragment reassembly (BGP's TCP segments fit the path MTU; a fragment in a BGP
 * capture means a broken or fuzzed capture, and is reported), TCP checksums (captures on the sending host carry
 * offloaded, wrong checksums; checking them would discard good data), ESP, and TCP-AO / MD5 verification (the
 * option is skipped like any other). Timestamps are microseconds; nanosecond captures are truncated.
 *
 * <h2>MRT</h2>
 * {@code MrtReader} reads RFC 6396 TABLE_DUMP, TABLE_DUMP_V2 (with the RFC 8050 ADD-PATH subtypes), BGP4MP and
 * BGP4MP_ET (including the deprecated BGP4MP_ENTRY), and the pre-RFC BGP / BGP4PLUS types of early Zebra
 * collectors, whose messages lack their 19-octet header: it is rebuilt so that every message is an ordinary one.
 * Path attributes in RIB entries are passed through as stored (the shortened MP_REACH_NLRI of RFC 6396 §4.3.4 is
 * the attribute decoder's business). MRT has no magic number; it is detected by a plausible first record header.
 *
 * <h2>Raw</h2>
 * A file that is none of these is read as a plain concatenation of BGP messages ({@code RawReader}), as
 * single-message test vectors are stored.
 */
package dev.petrel.wire.capture;
