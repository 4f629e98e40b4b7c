package dev.petrel.config;

import com.typesafe.config.ConfigObject;
import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the {@code kernel} block. */
final class KernelReader {
    static final Set<String> TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit");
    private static final Pattern GLOB = Pattern.compile("-?[A-Za-z0-9_.:@*?-]{1,15}");

    private KernelReader() {}

    static KernelOptions read(Section petrel, ConfigObject defaults, PolicyReader.Policies policies) {
        Section k = petrel.child("kernel", defaults);
        if (k == null) {
            return null;
        }
        UnknownKeys.check(k, defaults.keySet());
        int before = k.problems.count();
        Boolean enabled = k.bool("enabled");
        Long table = k.number("table", 1, 0xffffffffL, "1..4294967295 (254 is main; 255, local, is refused)");
        if (table != null && table == 255) {
            k.error("table", "255 is the local table, which the kernel owns; use 254 (main) or another table");
        }
        Long protocol = k.number("protocol", 1, 255, "1..255 (186 is bgp in /etc/iproute2/rt_protos)");
        if (protocol != null && protocol <= 4) {
            k.error("protocol", protocol + " is reserved for the kernel itself (0-4: unspec, redirect, kernel, boot,"
                    + " static); Petrel needs a number of its own, like 186");
        }
        Long metric = k.number("metric", 0, 0xffffffffL, "0..4294967295");
        Policy export = policy(k, "export", policies);
        KernelOptions.Learn learn = learn(k, (ConfigObject) defaults.get("learn"));
        List<Prefix> protectedPrefixes = k.each("protected-prefixes", true, Literals::prefix);
        Boolean allowDefault = k.bool("allow-default");
        Boolean persist = k.bool("persist");
        Long mergePaths = k.number("merge-paths", 1, 256, "1..256 next hops per route");
        Duration deferral = k.duration("convergence-deferral");
        Duration verify = k.duration("verify-interval");
        if (verify != null && verify.toSeconds() < 10) {
            k.error("verify-interval", verify.toSeconds() + "s is below 10s: the verify is a safety net, not a scan"
                    + " loop; write at least 10s");
        }
        Boolean dryRun = k.bool("dry-run");
        if (k.problems.count() != before) {
            return null;
        }
        return new KernelOptions(enabled, table, protocol.intValue(), metric, export, learn,
                protectedPrefixes == null ? List.of() : protectedPrefixes, allowDefault, persist,
                mergePaths.intValue(), deferral, verify, dryRun);
    }

    private static Policy policy(Section k, String key, PolicyReader.Policies policies) {
        String name = k.string(key);
        if (name == null) {
            return null;
        }
        switch (name) {
            case "all":
                return Policy.ALL;
            case "none":
                return Policy.NONE;
            default:
                break;
        }
        Policy p = policies.valid().get(name);
        if (p == null && !policies.defined().contains(name)) {
            k.error(key, "policy '" + name + "' is not defined; " + (policies.defined().isEmpty()
                    ? "no policies are defined (petrel.policies), only all and none"
                    : "defined: " + String.join(", ", policies.defined())));
        }
        return p;
    }

    private static KernelOptions.Learn learn(Section k, ConfigObject defaults) {
        Section l = k.child("learn", defaults);
        if (l == null) {
            return null;
        }
        UnknownKeys.check(l, defaults.keySet());
        int before = l.problems.count();
        List<Integer> protocols = l.each("protocols", true, t -> {
            int n = number(t, 0, 255, "a route protocol number 0..255");
            return n;
        });
        List<Long> tables = l.each("tables", true, t -> (long) number(t, 1, Integer.MAX_VALUE, "a table number"));
        List<String> types = l.each("types", true, t -> {
            if (!TYPES.contains(t)) {
                throw new Literals.Bad("\"" + t + "\" is not a route type; use " + String.join(", ", TYPES.stream()
                        .sorted().toList()));
            }
            return t;
        });
        List<String> interfaces = l.each("interfaces", true, t -> {
            if (!GLOB.matcher(t).matches()) {
                throw new Literals.Bad("\"" + t + "\" is not an interface glob: an interface name of at most 15"
                        + " characters with * and ?, \"-\" in front to exclude");
            }
            return t;
        });
        Boolean connected = l.bool("connected");
        if (l.problems.count() != before) {
            return null;
        }
        return new KernelOptions.Learn(protocols == null ? List.of() : protocols, tables == null ? List.of() : tables,
                types == null ? List.of() : types, interfaces == null ? List.of() : interfaces, connected);
    }

    private static int number(String t, int min, int max, String what) throws Literals.Bad {
        try {
            long n = Long.parseLong(t.strip());
            if (n < min || n > max) {
                throw new Literals.Bad(t + " is out of range: " + what);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new Literals.Bad("\"" + t + "\" is not " + what);
        }
    }
}
