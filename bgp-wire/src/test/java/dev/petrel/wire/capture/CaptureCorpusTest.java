package dev.petrel.wire.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.wire.MessageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every capture in the shared test data and checks the counts against the independent summaries
 * (pcap_summary.txt, mrt_summary.txt). Where this reader legitimately disagrees, the expected numbers are written
 * out below with the reason.
 */
class CaptureCorpusTest {

    /**
     * Message counts that differ from pcap_summary.txt. The summary's reader takes each TCP payload on its own
     * (no reassembly, no resynchronisation, no MPLS, no Juniper header, fragments ignored); ours reassembles.
     */
    private static final Map<String, Map<String, Integer>> MESSAGE_OVERRIDES = Map.ofEntries(
            // Juniper Ethernet (link type 178): the summary's reader does not strip the MGC cookie header; ours does
            // and finds the UPDATE and the End-of-RIB UPDATE that tcpdump's bgp-aigp.out shows.
            Map.entry("tcpdump/bgp-aigp.pcap", Map.of("UPDATE", 2)),
            // Cisco HDLC: the first frame is MPLS-labelled (protocol 0x8847) and goes to another host; the summary's
            // reader skips MPLS, ours pops the label and finds a second copy of the UPDATE.
            Map.entry("bgp-rs/pcap/BGP_redist.cap", Map.of("UPDATE", 2)),
            // pmacct replays end inside their last UPDATE: the summary counts the partial header, ours reports it as
            // TRUNCATED instead.
            Map.entry("pmacct/301-BGP-CISCO-pretag/traffic-00.pcap", Map.of("OPEN", 1, "KEEPALIVE", 1, "UPDATE", 20)),
            Map.entry("pmacct/302-BGP-IPv6-multiple-sources/traffic-00.pcap",
                    Map.of("OPEN", 1, "KEEPALIVE", 1, "UPDATE", 24)),
            Map.entry("pmacct/302-BGP-IPv6-multiple-sources/traffic-01.pcap",
                    Map.of("OPEN", 1, "KEEPALIVE", 1, "UPDATE", 26)),
            // Every frame holds an UPDATE header declaring 19 octets, below the 23-octet minimum: Framing rejects
            // it (BAD_LENGTH); the summary counts it as a malformed UPDATE.
            Map.entry("tcpdump/bgp-infinite-loop.pcap", Map.of()),
            // The only frame has the IP "more fragments" flag set (fuzzed); fragments are skipped with a problem.
            // The summary's reader ignores the flag and reads the UPDATE.
            Map.entry("tcpdump/bgp_pmsi_tunnel-oobr.pcap", Map.of()),
            // Fuzzer captures: after a bad header the summary's reader gives up on the frame, ours resynchronises
            // on the next marker and finds the (fuzzed) messages that follow.
            Map.entry("tcpdump/bgp-aigp-oobr.pcap", Map.of("UPDATE", 449)),
            Map.entry("tcpdump/bgp-as-path-oobr.pcap", Map.of("UPDATE", 334)),
            Map.entry("tcpdump/bgp-ub.pcap", Map.of("UPDATE", 22)),
            Map.entry("tcpdump/bgp_mp_reach_nlri-oobr.pcap", Map.of("UPDATE", 6)),
            Map.entry("tcpdump/bgp_vpn_rt-oobr.pcap", Map.of("UPDATE", 3)));

    /** BGP message counts (by type code) that differ from mrt_summary.txt. */
    private static final Map<String, Map<Integer, Integer>> MRT_MESSAGE_OVERRIDES = Map.of(
            // Legacy MRT type 5 "BGP": the summary's reader does not count these messages; ours rebuilds their
            // headers (3818 UPDATE records, 123 KEEPALIVE records; the 16 STATE_CHANGE records are state changes).
            "bgpkit-parser/tests/fixtures/ripe/rrc00/2000.01/updates.20000102.2014.gz", Map.of(2, 3818, 4, 123));

    /** Problems expected per file (by kind); every other file must read without any. */
    private static final Map<String, Map<CaptureProblem.Kind, Integer>> PROBLEMS = Map.ofEntries(
            // Segments that the capture never had (the frames were cut from a longer capture): a gap each.
            Map.entry("bgp-rs/pcap/bgp_withdraw.cap", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("tcpdump/bgp-cease-hard-reset.pcap", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("tcpdump/bgp-role.pcapng", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            // The capture ends inside the last UPDATE.
            Map.entry("pmacct/301-BGP-CISCO-pretag/traffic-00.pcap", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("pmacct/302-BGP-IPv6-multiple-sources/traffic-00.pcap", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("pmacct/302-BGP-IPv6-multiple-sources/traffic-01.pcap", Map.of(CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("tcpdump/bgp-infinite-loop.pcap", Map.of(CaptureProblem.Kind.BAD_LENGTH, 4)),
            // Fuzzed IP headers with the fragment flag: one CONTAINER problem each.
            Map.entry("tcpdump/bgp-bgp_capabilities_print-oobr-1.pcap", Map.of(CaptureProblem.Kind.CONTAINER, 1)),
            Map.entry("tcpdump/bgp-bgp_capabilities_print-oobr-2.pcap", Map.of(CaptureProblem.Kind.CONTAINER, 1)),
            Map.entry("tcpdump/bgp_pmsi_tunnel-oobr.pcap", Map.of(CaptureProblem.Kind.CONTAINER, 1)),
            // Fuzzer captures: bad headers and gaps (IP lengths larger than the frame).
            Map.entry("tcpdump/bgp-aigp-oobr.pcap",
                    Map.of(CaptureProblem.Kind.BAD_MARKER, 112, CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("tcpdump/bgp-as-path-oobr.pcap",
                    Map.of(CaptureProblem.Kind.BAD_MARKER, 135, CaptureProblem.Kind.TRUNCATED, 3)),
            Map.entry("tcpdump/bgp-ub.pcap", Map.of(CaptureProblem.Kind.BAD_MARKER, 14, CaptureProblem.Kind.BAD_TYPE, 1)),
            Map.entry("tcpdump/bgp_mp_reach_nlri-oobr.pcap",
                    Map.of(CaptureProblem.Kind.BAD_MARKER, 6, CaptureProblem.Kind.TRUNCATED, 2)),
            Map.entry("tcpdump/bgp_mvpn_6_and_7_oobr.pcap",
                    Map.of(CaptureProblem.Kind.BAD_MARKER, 1, CaptureProblem.Kind.TRUNCATED, 1)),
            Map.entry("tcpdump/bgp_vpn_rt-oobr.pcap",
                    Map.of(CaptureProblem.Kind.BAD_MARKER, 3, CaptureProblem.Kind.TRUNCATED, 1)),
            // 21 STATE_CHANGE pairs and 21 OPENs written by early Zebra without interface index, AFI and
            // addresses: skipped, one problem per record. The summary's reader skips them too.
            Map.entry("bgpkit-parser/tests/fixtures/ripe/rrc01/2000.11/updates.20001104.0124.gz",
                    Map.of(CaptureProblem.Kind.CONTAINER, 63)),
            // The ODL negative input: util__BgpMessages.bin with one marker octet zeroed in the first message.
            Map.entry("odl-bgpcep/util__BgpMessages_wrong_header.bin", Map.of(CaptureProblem.Kind.BAD_MARKER, 1)),
            // Hex text, not binary: read as RAW, no marker anywhere.
            Map.entry("odl-bgpcep/util__BgpMessage_Hex_InvalidLength.bin", Map.of(CaptureProblem.Kind.BAD_MARKER, 1)));

    private static final Set<String> SKIPPED_SUFFIXES = Set.of(".out", ".json", ".md", ".rst", ".conf", ".txt", ".tsv");

    private static boolean isCaptureCandidate(Path root, Path file) {
        String rel = relative(root, file);
        String name = file.getFileName().toString();
        if (rel.startsWith("bgpdump/test_expect/")) {
            return false; // bgpdump's expected text output, gzipped
        }
        if (name.startsWith("LICENSE") || name.startsWith("COPYING") || name.equals("COMMIT")
                || name.startsWith("TESTLIST")) {
            return false;
        }
        return SKIPPED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureMatchesItsOracle() throws IOException {
        Path root = TestData.root().orElse(null);
        if (root == null) {
            // A dynamic test that is skipped shows in the report with its reason; an aborted factory would not.
            return Stream.of(DynamicTest.dynamicTest("shared test data",
                    () -> Assumptions.assumeTrue(false, TestData.ABSENT)));
        }
        Map<String, TestData.PcapSummary> pcap = TestData.pcapSummaries(root);
        Map<String, TestData.MrtSummary> mrt = TestData.mrtSummaries(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> isCaptureCandidate(root, f)).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no capture files under " + root);
        Set<String> unused = new TreeSet<>(pcap.keySet());
        unused.addAll(mrt.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String rel = relative(root, f);
            unused.remove(rel);
            tests.add(DynamicTest.dynamicTest(rel, f.toUri(), () -> check(rel, f, pcap.get(rel), mrt.get(rel), mrt)));
        }
        tests.add(DynamicTest.dynamicTest("every summary line names a file that was read",
                () -> assertEquals(Set.of(), unused)));
        return tests.stream();
    }

    /** What one read produced. */
    private static final class Result implements CaptureReader.Observer {
        final List<CaptureRecord> records = new ArrayList<>();
        final Set<Integer> linkTypes = new TreeSet<>();
        final Map<List<Integer>, Integer> mrtTypes = new HashMap<>();
        int mrtRecords;
        CaptureFormat format;

        @Override
        public void linkType(int linkType) {
            linkTypes.add(linkType);
        }

        @Override
        public void mrtRecord(int type, int subtype) {
            mrtRecords++;
            mrtTypes.merge(List.of(type, subtype), 1, Integer::sum);
        }

        Map<String, Integer> messagesByName() {
            Map<String, Integer> m = new TreeMap<>();
            for (BgpMessageRecord r : Fixtures.messages(records)) {
                MessageType t = r.type();
                m.merge(t == MessageType.ROUTE_REFRESH ? "ROUTE-REFRESH" : t.name(), 1, Integer::sum);
            }
            return m;
        }

        Map<Integer, Integer> messagesByCode() {
            Map<Integer, Integer> m = new TreeMap<>();
            for (BgpMessageRecord r : Fixtures.messages(records)) {
                m.merge(r.typeCode(), 1, Integer::sum);
            }
            return m;
        }

        Map<CaptureProblem.Kind, Integer> problemsByKind() {
            Map<CaptureProblem.Kind, Integer> m = new EnumMap<>(CaptureProblem.Kind.class);
            for (CaptureProblem p : Fixtures.problems(records)) {
                m.merge(p.kind(), 1, Integer::sum);
            }
            return m;
        }
    }

    private static void check(String rel, Path file, TestData.PcapSummary pcap, TestData.MrtSummary mrt,
            Map<String, TestData.MrtSummary> allMrt) throws IOException {
        byte[] content = Files.readAllBytes(file);
        Result r = new Result();
        r.format = CaptureReader.read(content, r.records::add, r);
        assertEquals(r.format, CaptureReader.detect(content), "detect() agrees with read()");
        for (CaptureProblem p : Fixtures.problems(r.records)) {
            assertFalse(p.description().startsWith(CaptureReader.INTERNAL_ERROR), p.toString());
        }
        assertEquals(new TreeMap<>(PROBLEMS.getOrDefault(rel, Map.of())), new TreeMap<>(r.problemsByKind()),
                () -> "problems: " + Fixtures.problems(r.records));
        if (pcap != null) {
            assertEquals(rel.contains(".pcapng") ? CaptureFormat.PCAPNG : CaptureFormat.PCAP, r.format);
            assertEquals(new TreeSet<>(pcap.linkTypes()), r.linkTypes, "link types");
            Map<String, Integer> expected = MESSAGE_OVERRIDES.getOrDefault(rel, pcap.messages());
            assertEquals(new TreeMap<>(expected), r.messagesByName(), "messages by type");
            for (BgpMessageRecord m : Fixtures.messages(r.records)) {
                assertTrue(m.source().startsWith(r.format == CaptureFormat.PCAP ? "pcap frame " : "pcapng frame "));
                assertTrue(m.from().port() >= 0 && m.to().port() >= 0);
            }
        } else if (mrt != null || rel.equals("odl-bgpcep/util__BgpMessages_wrong_header.bin")) {
            TestData.MrtSummary s = mrt != null ? mrt
                    : withKeepalives(allMrt.get("odl-bgpcep/util__BgpMessages.bin"), -1);
            assertEquals(CaptureFormat.MRT, r.format);
            assertEquals(s.records(), r.mrtRecords, "MRT records");
            assertEquals(s.types(), r.mrtTypes, "MRT records by (type, subtype)");
            Map<Integer, Integer> expected = MRT_MESSAGE_OVERRIDES.getOrDefault(rel, s.messageTypes());
            assertEquals(new TreeMap<>(expected), r.messagesByCode(), "BGP messages by type code");
            Path bgpdumpExpect = file.getParent().resolveSibling("test_expect").resolve(file.getFileName() + ".bgp.gz");
            if (rel.startsWith("bgpdump/test_data/bview.") && Files.isRegularFile(bgpdumpExpect)) {
                List<String> bgpdump = bgpdumpRibLines(bgpdumpExpect);
                assertFalse(bgpdump.isEmpty());
                assertEquals(bgpdump, ribLines(r.records), "RIB entries as bgpdump -m sees them");
            }
        } else if (rel.matches("odl-bgpcep/[a-z_-]+__up\\d\\.bin")) {
            // A single raw message with its header.
            assertEquals(CaptureFormat.RAW, r.format);
            List<BgpMessageRecord> messages = Fixtures.messages(r.records);
            assertEquals(1, messages.size());
            assertArrayEquals(content, messages.get(0).message());
        } else if (rel.equals("odl-bgpcep/util__BgpMessage_Hex_InvalidLength.bin")) {
            assertEquals(CaptureFormat.RAW, r.format);
            assertEquals(List.of(), Fixtures.messages(r.records));
        } else {
            fail("no oracle for " + rel + ": add it to a summary or to the tables in this test");
        }
    }

    /**
     * bgpdump's expected {@code -m} output for a table dump, reduced to what a RIB entry record carries: peer
     * address, peer AS, prefix and (for ADD-PATH) path identifier, one line per entry, sorted.
     */
    private static List<String> bgpdumpRibLines(Path expect) throws IOException {
        List<String> lines = new ArrayList<>();
        String text = new String(Decompression.unwrap(Files.readAllBytes(expect), 1 << 24).content(),
                java.nio.charset.StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            boolean addPath = f[0].equals("TABLE_DUMP2_AP");
            lines.add(f[3] + " AS" + f[4] + " " + f[5] + (addPath ? " id " + f[6] : ""));
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> ribLines(List<CaptureRecord> records) {
        List<String> lines = new ArrayList<>();
        for (CaptureRecord c : records) {
            if (c instanceof RibEntryRecord e) {
                byte[] p = e.prefix();
                byte[] address = new byte[e.afi() == 2 ? 16 : 4];
                System.arraycopy(p, 1, address, 0, p.length - 1);
                lines.add(e.peer().address() + " AS" + e.peerAs() + " " + Bytes.address(address, 0, address.length)
                        + "/" + e.prefixLength() + (e.pathId() >= 0 ? " id " + e.pathId() : ""));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** The summary of util__BgpMessages.bin with {@code delta} KEEPALIVEs (the wrong-header copy loses one). */
    private static TestData.MrtSummary withKeepalives(TestData.MrtSummary s, int delta) {
        Map<Integer, Integer> codes = new TreeMap<>(s.messageTypes());
        codes.merge(4, delta, Integer::sum);
        return new TestData.MrtSummary(s.records(), s.types(), codes);
    }
}
