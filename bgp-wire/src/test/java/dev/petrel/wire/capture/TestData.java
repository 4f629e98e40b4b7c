package dev.petrel.wire.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared test data at {@code ../shared/testdata} (relative to the project root) and the two summaries made by
 * an independent reader, parsed into oracles.
 */
final class TestData {
    private TestData() {}

    /** The folder, when present: {@code -Dpetrel.testdata=...}, else {@code ../shared/testdata} from here or above. */
    static Optional<Path> root() {
        String configured = System.getProperty("petrel.testdata");
        if (configured != null) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve("../shared/testdata").normalize();
            if (Files.isRegularFile(p.resolve("pcap_summary.txt"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static final String ABSENT = "../shared/testdata is absent (it is not part of the repository): corpus tests skipped";

    /** One line of pcap_summary.txt: message counts by name (OPEN, UPDATE, ROUTE-REFRESH...) and link types. */
    record PcapSummary(Map<String, Integer> messages, List<Integer> linkTypes) {}

    /** One line of mrt_summary.txt: record count, counts by (type, subtype), BGP message counts by type code. */
    record MrtSummary(int records, Map<List<Integer>, Integer> types, Map<Integer, Integer> messageTypes) {}

    private static final Pattern PCAP_LINE =
            Pattern.compile("^(\\S+): msgs=\\{([^}]*)\\}.* lt=\\[([^\\]]*)\\]\\s*$");
    private static final Pattern NAME_COUNT = Pattern.compile("'([A-Z-]+)': (\\d+)");
    private static final Pattern MRT_LINE = Pattern.compile(
            "^(\\S+): records=(\\d+) types=\\{([^}]*)\\} bgp_msg_types=\\{([^}]*)\\} truncated=(\\d+)\\s*$");
    private static final Pattern TYPE_COUNT = Pattern.compile("\\((?:'(\\w+)'|(\\d+)), (\\d+)\\): (\\d+)");
    private static final Pattern CODE_COUNT = Pattern.compile("(\\d+): (\\d+)");
    private static final Map<String, Integer> MRT_TYPE_NAMES =
            Map.of("TABLE_DUMP", 12, "TABLE_DUMP_V2", 13, "BGP4MP", 16, "BGP4MP_ET", 17);

    static Map<String, PcapSummary> pcapSummaries(Path root) {
        Map<String, PcapSummary> out = new TreeMap<>();
        for (String line : lines(root.resolve("pcap_summary.txt"))) {
            Matcher m = PCAP_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("pcap_summary.txt line not understood: " + line);
            }
            Map<String, Integer> messages = new TreeMap<>();
            Matcher c = NAME_COUNT.matcher(m.group(2));
            while (c.find()) {
                messages.put(c.group(1), Integer.parseInt(c.group(2)));
            }
            List<Integer> linkTypes = new ArrayList<>();
            for (String t : m.group(3).split(",")) {
                if (!t.isBlank()) {
                    linkTypes.add(Integer.parseInt(t.trim()));
                }
            }
            out.put(m.group(1), new PcapSummary(messages, linkTypes));
        }
        return out;
    }

    static Map<String, MrtSummary> mrtSummaries(Path root) {
        Map<String, MrtSummary> out = new TreeMap<>();
        for (String line : lines(root.resolve("mrt_summary.txt"))) {
            Matcher m = MRT_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("mrt_summary.txt line not understood: " + line);
            }
            Map<List<Integer>, Integer> types = new HashMap<>();
            Matcher t = TYPE_COUNT.matcher(m.group(3));
            while (t.find()) {
                int type = t.group(1) != null ? MRT_TYPE_NAMES.get(t.group(1)) : Integer.parseInt(t.group(2));
                types.put(List.of(type, Integer.parseInt(t.group(3))), Integer.parseInt(t.group(4)));
            }
            Map<Integer, Integer> codes = new TreeMap<>();
            Matcher c = CODE_COUNT.matcher(m.group(4));
            while (c.find()) {
                codes.put(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)));
            }
            out.put(m.group(1), new MrtSummary(Integer.parseInt(m.group(2)), types, codes));
        }
        return out;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
