package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code petrel.peer-templates} and {@code petrel.listen-ranges}. A range's peer keys are its own over its
 * template's over peer-defaults; its own keys ({@code name}, {@code prefix}, {@code template}, {@code max-peers})
 * are checked against {@code petrel-schema.listen-range}. Each template is checked on its own, once, so that a
 * mistake in it is reported at the template and not again at every range that uses it.
 */
final class ListenRangeReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Keys of a peer that a template or range cannot have: a dynamic peer's address is the connection's. */
    private static final Map<String, String> NOT_DYNAMIC = Map.of(
            "address", "a dynamic peer's address is the one it connects from; the range's is prefix",
            "passive", "a dynamic peer is always passive: it is only ever accepted",
            "shutdown", "a dynamic peer exists only while connected; remove the range to refuse its peers",
            "port", "a dynamic peer is never connected to, so its port is not used",
            "local-address", "a dynamic peer is never connected to, so no source address is chosen");

    private ListenRangeReader() {}

    /** A template as written, and whether it is free of errors. */
    private record Template(ConfigObject values, boolean valid) {}

    /**
     * @param peerDefaults the user's peer-defaults over reference.conf's
     * @param peerKeys every key a peer may have
     * @return the ranges in file order, or null when anything is wrong (all of it reported)
     */
    static List<ListenRange> read(Section petrel, ConfigObject peerDefaults, Set<String> peerKeys,
            ConfigObject rangeSchema, Long localAs, PolicyReader.Policies policies) {
        int before = petrel.problems.count();
        Map<String, Template> templates = templates(petrel, peerDefaults, peerKeys, localAs, policies);
        ConfigList list = petrel.list("listen-ranges");
        if (list == null || templates == null) {
            return null;
        }
        Set<String> rangeKeys = new HashSet<>(peerKeys);
        rangeKeys.addAll(rangeSchema.keySet());
        List<ListenRange> out = new ArrayList<>();
        Map<String, Section> names = new HashMap<>();
        Map<Prefix, Section> prefixes = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = petrel.key("listen-ranges") + "[" + i + "]";
            if (!(list.get(i) instanceof ConfigObject own)) {
                petrel.problems.add(list.get(i).origin(), path,
                        "a listen range is an object { prefix = \"10.255.1.0/24\", remote-as = internal }");
                continue;
            }
            Section first = new Section(path, own, rangeSchema, own.origin(), petrel.problems);
            UnknownKeys.check(first, rangeKeys);
            notDynamic(first);
            String templateName = first.string("template");
            Template template = null;
            if (templateName != null) {
                template = templates.get(templateName);
                if (template == null) {
                    first.error("template", "peer template '" + templateName + "' is not defined; "
                            + (templates.isEmpty() ? "no templates are defined (petrel.peer-templates)"
                                    : "defined: " + String.join(", ", new TreeMap<>(templates).keySet())));
                    continue; // what the range lacks may be in the template it meant
                }
            }
            ConfigObject under = template == null ? peerDefaults : template.values().withFallback(peerDefaults);
            Section range = new Section(path, own, under.withFallback(rangeSchema), own.origin(), petrel.problems);
            ListenRange r = range(range, templateName, template, localAs, policies);
            if (r == null) {
                continue;
            }
            out.add(r);
            unique(range, "name", r.name(), names);
            unique(range, "prefix", r.prefix(), prefixes);
        }
        return petrel.problems.count() == before ? out : null;
    }

    private static ListenRange range(Section s, String templateName, Template template, Long localAs,
            PolicyReader.Policies policies) {
        int before = s.problems.count();
        String name = rangeName(s, templateName);
        Prefix prefix = null;
        InetAddress network = null;
        if (s.require("prefix", "the CIDR peers may connect from, like \"10.255.1.0/24\"")) {
            String text = s.string("prefix");
            try {
                prefix = Literals.prefix(text);
                network = IpLiterals.ip(text.substring(0, text.indexOf('/')));
            } catch (Literals.Bad e) {
                s.error("prefix", e.getMessage());
            }
        }
        Long maxPeers = s.number("max-peers", 1, ListenRange.MAX_PEERS,
                "1.." + ListenRange.MAX_PEERS + " dynamic peers at once (FRR's bgp listen limit)");
        Long remoteAs = remoteAs(s, "remote-as", localAs, templateName);
        if (s.problems.count() != before || (template != null && !template.valid())) {
            return null; // a template with errors has them reported where it is written
        }
        PeerConfig p = PeerReader.read(s, name, network, remoteAs, localAs, policies);
        return p == null ? null : new ListenRange(name, prefix, templateName, maxPeers.intValue(),
                p.dynamic(name, network));
    }

    /** The range's own name, else its template's (as FRR names a range by its peer-group); required otherwise. */
    private static String rangeName(Section s, String templateName) {
        String name = s.string("name");
        if (name == null) {
            name = templateName;
        }
        if (name == null) {
            s.error("name", "is required without a template: [A-Za-z0-9_.-]{1,64}, used in the names of its"
                    + " peers (NAME/ADDRESS)");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            s.error(s.written("name") ? "name" : "template", "\"" + name + "\" must match [A-Za-z0-9_.-]{1,64}");
            return null;
        }
        return name;
    }

    /**
     * A number (see {@link AsNumbers}) or {@code internal} (our own AS), as BIRD's {@code neighbor range ...
     * internal} and FRR's {@code remote-as internal}; null (reported) when wrong or missing.
     */
    private static Long remoteAs(Section s, String key, Long localAs, String templateName) {
        ConfigValue v = s.raw(key);
        if (v == null) {
            s.error(key, "is required, here or in the template" + (templateName == null ? "" : " " + templateName)
                    + ": an AS number 1.." + AsNumbers.MAX + " or internal (our local-as)");
            return null;
        }
        if (v.valueType() == ConfigValueType.STRING && v.unwrapped().equals("internal")) {
            return localAs;
        }
        if (v.valueType() == ConfigValueType.STRING && v.unwrapped().equals("external")) {
            s.error(key, "external (any AS but ours) is not supported: the range's peers must all be in one AS;"
                    + " write it, or internal");
            return null;
        }
        if (v.valueType() != ConfigValueType.NUMBER) {
            s.error(key, "must be an AS number 1.." + AsNumbers.MAX + " or internal, not " + Section.render(v));
            return null;
        }
        return AsNumbers.read(s, key);
    }

    private static void notDynamic(Section s) {
        for (String key : s.writtenKeys()) {
            String why = NOT_DYNAMIC.get(key);
            if (why != null) {
                s.error(key, "not allowed here: " + why);
            }
        }
    }

    /** The templates by name, each checked on its own; null when the block is not an object (reported). */
    private static Map<String, Template> templates(Section petrel, ConfigObject peerDefaults, Set<String> peerKeys,
            Long localAs, PolicyReader.Policies policies) {
        Section block = petrel.child("peer-templates", com.typesafe.config.ConfigFactory.empty().root());
        if (block == null) {
            return null;
        }
        Set<String> templateKeys = new HashSet<>(peerKeys);
        templateKeys.remove("name");
        Map<String, Template> out = new HashMap<>();
        for (String name : block.writtenKeys()) {
            ConfigValue v = block.values.get(name);
            String path = block.key(name);
            if (!(v instanceof ConfigObject own)) {
                petrel.problems.add(v.origin(), path, "a peer template is an object of peer keys { hold-time = 30s,"
                        + " route-reflector-client = true, ... }");
                continue;
            }
            int before = petrel.problems.count();
            if (!NAME.matcher(name).matches()) {
                petrel.problems.add(v.origin(), path, "the name \"" + name + "\" must match [A-Za-z0-9_.-]{1,64}");
            }
            Section t = new Section(path, own, peerDefaults, own.origin(), petrel.problems);
            UnknownKeys.check(t, templateKeys);
            notDynamic(t);
            if (petrel.problems.count() == before) {
                // Checked as a peer of its own AS (or of its remote-as if it has a number): a range using it
                // checks again what depends on the AS (route-reflector-client on eBGP).
                Long as = t.raw("remote-as") == null ? localAs : remoteAs(t, "remote-as", localAs, name);
                PeerReader.read(t, name, IpLiterals.ip("0.0.0.0"), as, localAs, policies);
            }
            out.put(name, new Template(own, petrel.problems.count() == before));
        }
        return out;
    }

    /** Compared after parsing. */
    private static <T> void unique(Section range, String key, T value, Map<T, Section> seen) {
        Section first = seen.putIfAbsent(value, range);
        if (first != null) {
            range.error(key, value + " is already the " + key + " of " + first.path
                    + (key.equals("prefix") ? " (nested ranges are allowed; the most specific one wins)" : ""));
        }
    }
}
