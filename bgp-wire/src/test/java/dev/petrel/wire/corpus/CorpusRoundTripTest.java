package dev.petrel.wire.corpus;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Problem;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.capture.BgpMessageRecord;
import dev.petrel.wire.capture.CaptureReader;
import dev.petrel.wire.capture.SessionContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every BGP message in {@code ../shared/testdata} (real captures and MRT dumps from public projects), decoded with
 * the context its session negotiated: no decoder bug surfaces, every message that is not a session reset
 * re-encodes to bytes that decode to an equal value, and the malformed ones get the outcome RFC 7606 asks for
 * ({@link #EXPECTED}).
 */
class CorpusRoundTripTest {
    static final Path TESTDATA = Path.of("../shared/testdata");

    /**
     * Outcomes per file for the files that hold malformed messages, as "action=count" of the strongest action per
     * message, with why each is right. Files not listed must decode with no action stronger than attribute discard.
     */
    private static final String OUTCOMES = """
            # file  strongest actions beyond attribute discard, as action=count    (why that is right)
            # RFC 9774: AS_SET in AS_PATH is treated as withdraw (real RIS/RouteViews routes from 2019 carry them)
            bgp-rs/mrt/updates.20190101.0000.gz             treat-as-withdraw=39
            bgp-rs/pcap/BGP_AS_set.cap                      treat-as-withdraw=1
            odl-bgpcep/parser-impl__up3.bin                 treat-as-withdraw=1
            odl-bgpcep/util__BgpMessages.bin                treat-as-withdraw=2
            odl-bgpcep/util__BgpMessages_wrong_header.bin   treat-as-withdraw=2
            # RFC 7606 §3(d): ODL's UPDATE with only attribute 255, no AS_PATH or NEXT_HOP (RELIABILITY case 25)
            odl-bgpcep/parser-impl__up8.bin                 treat-as-withdraw=1
            # BGPsec UPDATEs replace AS_PATH with BGPsec_PATH (RFC 8205); without BGPsec negotiated, AS_PATH is missing
            tcpdump/bgp-bgpsec.pcap                         treat-as-withdraw=20
            tcpdump/bgpsec_invalid_signature_block_length.pcap treat-as-withdraw=1
            # RFC 7606 §5.3: the last NLRI prefix (a /11 with no address octets) overruns the field
            bgpdump/test_data/updates.nlri_mask_trailing_bits.gz session-reset=1
            # MP_REACH_NLRI with flags 0x40 (well-known): RFC 7606 §5.3 (RELIABILITY case 43)
            odl-bgpcep/extensions_inet__up1.bin             session-reset=1
            # OPEN with BGP Identifier 0.0.0.0: 2/3 (RELIABILITY case 7)
            odl-bgpcep/extensions_linkstate__up4.bin        session-reset=1
            # Two MP_REACH and two MP_UNREACH, flagged well-known, ADD-PATH without an OPEN: reset (case 42)
            tcpdump/bgp-addpath.pcap                        session-reset=1
            # Fuzzer-made captures (tcpdump's out-of-bounds-read regressions): lengths that overrun their container
            tcpdump/bgp-aigp-oobr.pcap                      treat-as-withdraw=2,session-reset=112
            tcpdump/bgp-as-path-oobr.pcap                   treat-as-withdraw=1,session-reset=197
            tcpdump/bgp-ub.pcap                             session-reset=14
            tcpdump/bgp_mp_reach_nlri-oobr.pcap             session-reset=6
            tcpdump/bgp_mvpn_6_and_7_oobr.pcap              session-reset=1
            tcpdump/bgp_vpn_rt-oobr.pcap                    session-reset=3
            """;

    static final Map<String, String> EXPECTED = new TreeMap<>();

    static {
        for (String line : OUTCOMES.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.trim().split("\\s+", 2);
                EXPECTED.put(f[0], f[1]);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyMessageRoundTrips() throws IOException {
        if (!Files.isDirectory(TESTDATA)) {
            // One visible skip with its reason, rather than a factory that silently yields nothing.
            return Stream.of(DynamicTest.dynamicTest("corpus", () -> Assumptions.assumeTrue(false,
                    "../shared/testdata is absent (it is not part of the repository): corpus not checked")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            files = s.filter(Files::isRegularFile).filter(CorpusRoundTripTest::isData).sorted().toList();
        }
        assertTrue(files.size() > 80, "the corpus shrank: " + files.size() + " files");
        return files.stream().map(f -> DynamicTest.dynamicTest(TESTDATA.relativize(f).toString(), () -> check(f)));
    }

    static boolean isData(Path f) {
        String n = f.getFileName().toString();
        return !(n.endsWith(".out") || n.endsWith(".json") || n.endsWith(".md") || n.endsWith(".txt")
                || n.endsWith(".tsv") || n.endsWith(".conf") || n.endsWith(".rst") || n.equals("COMMIT")
                || n.startsWith("LICENSE") || n.startsWith("COPYING") || n.startsWith("TESTLIST")
                || f.toString().contains("test_expect"));
    }

    private static void check(Path f) throws IOException {
        List<String> guesses = new ArrayList<>();
        SessionContexts contexts = new SessionContexts(SessionContext.ASSUMED, true, guesses::add);
        Map<ErrorAction, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        CaptureReader.read(f, rec -> {
            if (!(rec instanceof BgpMessageRecord m)) {
                return;
            }
            DecodeResult r = contexts.decode(m);
            SessionContext ctx = contexts.contextFor(m);
            for (Problem p : r.problems()) {
                if (p.description().startsWith("internal decoder error")) {
                    failures.add(m.source() + ": " + p.description());
                }
            }
            outcomes.merge(r.action(), 1, Integer::sum);
            if (r.message() != null && !r.isReset()) {
                String why = roundTrip(r.message(), ctx);
                if (why != null) {
                    failures.add(m.source() + ": " + why);
                }
            }
        });
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                failures.size() + " failures, the first 5 shown");
        String rel = TESTDATA.relativize(f).toString();
        String expected = EXPECTED.get(rel);
        String actual = outcomes.entrySet().stream().filter(e -> e.getKey().compareTo(ErrorAction.ATTRIBUTE_DISCARD) > 0)
                .map(e -> e.getKey().label() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("clean");
        assertEquals(expected != null ? expected : "clean", actual, rel + " outcomes " + outcomes);
    }

    /** Re-encodes and decodes again; null when the value survives, else what differed. */
    static String roundTrip(BgpMessage message, SessionContext ctx) {
        // A message near the size limit can grow by an octet or two when re-encoded (MP attributes are always
        // written with the extended length), so the re-encoding may use extended messages.
        // Encoding writes path identifiers where the context sends them; decoding reads them where it receives them.
        SessionContext wide = ctx.withExtendedMessage(true).withAddPath(ctx.addPathReceive(), ctx.addPathReceive());
        byte[] again;
        try {
            again = MessageEncoder.toBytes(message, wide);
        } catch (IllegalArgumentException e) {
            return "re-encoding failed: " + e.getMessage();
        }
        DecodeResult r2 = MessageDecoder.decode(again, wide);
        if (r2.message() == null) {
            return "re-encoded message does not decode: " + r2.problems();
        }
        if (!r2.message().equals(message)) {
            return "value changed on re-encoding:\n  " + message + "\n  " + r2.message();
        }
        return null;
    }

}
