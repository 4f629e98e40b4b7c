package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.CommandResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's SNMP and extended counters of one network namespace, named as {@code nstat} names them:
 * {@code IpInHdrErrors}, {@code IcmpOutTimeExcds}, {@code TcpExtTCPMinTTLDrop} (from {@code /proc/net/snmp} and
 * {@code /proc/net/netstat}, "Prefix: names" / "Prefix: values" line pairs) and {@code Ip6InHdrErrors},
 * {@code Icmp6OutTimeExcds} (from {@code /proc/net/snmp6}, one "name value" per line). The files are per
 * namespace, so a {@code cat} run inside the namespace reads that namespace's counters. Absolute values since the
 * namespace was created; compare two reads.
 */
public record KernelCounters(Netns netns, Map<String, Long> values) {

    public KernelCounters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads every counter of {@code ns} at once. */
    public static KernelCounters read(Netns ns) {
        CommandResult r = ns.exec("cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6").orThrow();
        return new KernelCounters(ns, parse(r.stdout()));
    }

    /** Parses the concatenated files (see the class comment). */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon > 0 && i + 1 < lines.size() && lines.get(i + 1).startsWith(line.substring(0, colon + 1))) {
                String prefix = line.substring(0, colon);
                String[] names = line.substring(colon + 1).trim().split("\\s+");
                String[] numbers = lines.get(i + 1).substring(colon + 1).trim().split("\\s+");
                for (int k = 0; k < Math.min(names.length, numbers.length); k++) {
                    out.put(prefix + names[k], Long.parseLong(numbers[k]));
                }
                i++;
            } else if (colon < 0) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                    out.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return out;
    }

    /** One counter; throws if this kernel has no counter of that name (a typo must not read as 0). */
    public long get(String name) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no kernel counter " + name + " in " + netns + "; have "
                    + values.keySet());
        }
        return v;
    }

    /** How much {@code name} grew since {@code earlier}. */
    public long since(KernelCounters earlier, String name) {
        return get(name) - earlier.get(name);
    }

    /** The named counters and their values, for messages. */
    public String show(String... names) {
        StringBuilder sb = new StringBuilder(netns.name()).append(':');
        for (String n : names) {
            sb.append(' ').append(n).append('=').append(values.getOrDefault(n, -1L));
        }
        return sb.toString();
    }
}
