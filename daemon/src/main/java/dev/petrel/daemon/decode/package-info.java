/**
 * {@code petrel decode}: BGP captures to JSON lines.
 *
 * <p>Input is detected from content (never the file name): pcap or pcapng (TCP reassembled on ports 179 and
 * 1179), MRT (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP, BGP4MP_ET), gzip or bzip2 around either, else a raw stream of BGP
 * messages. Each message is decoded with the context its session negotiated: for a capture holding both OPENs
 * of a connection, from those OPENs ({@link dev.petrel.wire.Negotiation}); for MRT from the record subtype (AS4,
 * ADDPATH); otherwise a 4-octet-AS iBGP session without ADD-PATH, which options change.
 *
 * <p>Output, one object per line: {@code type}; for UPDATE {@code withdrawn} and {@code nlri} ("prefix/len"
 * strings, IPv4 and IPv6 together; {@code withdrawn_path_ids}/{@code nlri_path_ids} alongside under ADD-PATH),
 * {@code attributes}, {@code action} (none, attribute-discard, treat-as-withdraw, session-reset) with
 * {@code notification} {code, subcode} for a reset, and {@code problems} naming each defect. A header that cannot
 * be framed is reported as {@code session-reset} with the NOTIFICATION a speaker would send, and reading goes on
 * at the next marker. Malformed input never stops the tool.
 */
package dev.petrel.daemon.decode;
