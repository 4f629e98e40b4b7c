package dev.petrel.speaker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4) for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample whose family was declared by {@code # TYPE} before it, label
 * values are unescaped, and a sample's labels must be unique within its series. Anything else fails the test,
 * so a scrape that a Prometheus server would reject does not pass here.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\",?");

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText t = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                if (f.length != 4 || !List.of("counter", "gauge", "summary", "histogram", "untyped").contains(f[3])) {
                    throw new AssertionError("bad TYPE line: " + line);
                }
                if (t.types.put(f[2], f[3]) != null) {
                    throw new AssertionError("family declared twice: " + line);
                }
                continue;
            }
            if (line.startsWith("#")) {
                throw new AssertionError("unexpected comment: " + line);
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            String name = m.group(1);
            if (family(t.types, name) == null) {
                throw new AssertionError("sample before its # TYPE: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (l.find() && l.start() == at) {
                    String value = l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
                    if (labels.put(l.group(1), value) != null) {
                        throw new AssertionError("label twice: " + line);
                    }
                    at = l.end();
                }
                if (at != m.group(3).length()) {
                    throw new AssertionError("bad labels: " + line);
                }
            }
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(m.group(4));
            };
            Sample s = new Sample(name, labels, value);
            if (t.samples.stream().anyMatch(o -> o.name().equals(name) && o.labels().equals(labels))) {
                throw new AssertionError("duplicate series: " + line);
            }
            t.samples.add(s);
        }
        return t;
    }

    private static String family(Map<String, String> types, String sample) {
        for (String suffix : new String[] {"", "_total", "_count", "_sum", "_bucket", "_created"}) {
            if (sample.endsWith(suffix)) {
                String f = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The one sample of this name whose labels include {@code labels} (name, value pairs). */
    double value(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (all) {
                found.add(s);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found);
        }
        return found.get(0).value();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
