package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.petrel.rib.Source;
import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.rib.policy.Verdict;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code petrel.policies} into {@link Policy} objects of the rib module directly: each policy, its rules,
 * their match and then blocks, every key against {@code petrel-schema} in reference.conf.
 */
final class PolicyReader {
    /** No dot: HOCON would read "a.b" as an object a holding b. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LENGTH_RANGE = Pattern.compile("([0-9]{1,3})(?:-([0-9]{1,3}))?");
    private static final ConfigObject NO_DEFAULTS = ConfigValueFactory.fromMap(Map.of());

    private PolicyReader() {}

    /**
     * What the policies block holds.
     *
     * @param valid the policies without errors, by name
     * @param defined every name defined, with errors or not: a peer referring to a broken policy is not told that
     *     it is undefined
     */
    record Policies(SortedMap<String, Policy> valid, SortedSet<String> defined) {
        static final Policies NONE = new Policies(new TreeMap<>(), new TreeSet<>());
    }

    /** The templates of petrel-schema in reference.conf. */
    private record Schema(ConfigObject policy, ConfigObject rule, ConfigObject match, ConfigObject then,
            ConfigObject prepend) {
        static Schema of(ConfigObject schema) {
            return new Schema((ConfigObject) schema.get("policy"), (ConfigObject) schema.get("rule"),
                    (ConfigObject) schema.get("match"), (ConfigObject) schema.get("then"),
                    (ConfigObject) schema.get("prepend"));
        }
    }

    static Policies read(Section petrel, ConfigObject referenceDefault, ConfigObject schemaObject) {
        Section block = petrel.child("policies", referenceDefault);
        if (block == null) {
            return Policies.NONE;
        }
        Schema schema = Schema.of(schemaObject);
        SortedMap<String, Policy> valid = new TreeMap<>();
        SortedSet<String> defined = new TreeSet<>();
        for (String name : new TreeSet<>(block.writtenKeys())) {
            ConfigValue v = block.values.get(name);
            if (v.valueType() == ConfigValueType.NULL) {
                continue; // "pods = null" undoes a definition from an included file
            }
            int before = block.problems.count();
            if (Policy.isBuiltIn(name)) {
                block.error(name, name + " is a built-in policy (" + (name.equals("all") ? "every route" : "no route")
                        + ") and cannot be redefined; choose another name");
            } else {
                defined.add(name);
                if (!NAME.matcher(name).matches()) {
                    block.error(name, "policy name \"" + name + "\" must match [A-Za-z0-9_-]{1,64}");
                }
            }
            if (!(v instanceof ConfigObject o)) {
                block.error(name, "a policy is an object { rules = [...], default = reject }, not "
                        + Section.render(v));
                continue;
            }
            Section p = new Section(block.key(name), o, schema.policy(), o.origin(), block.problems);
            UnknownKeys.check(p, schema.policy().keySet());
            Policy policy = policy(name, p, schema);
            if (policy != null && block.problems.count() == before) {
                valid.put(name, policy);
            }
        }
        return new Policies(valid, defined);
    }

    private static Policy policy(String name, Section p, Schema schema) {
        int before = p.problems.count();
        Verdict fallback = verdict(p, "default");
        ConfigList list = p.list("rules");
        List<Rule> rules = new ArrayList<>();
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String path = p.key("rules") + "[" + i + "]";
                if (!(list.get(i) instanceof ConfigObject o)) {
                    p.problems.add(list.get(i).origin(), path,
                            "a rule is an object { match { ... }, then { ... }, action = accept }");
                    continue;
                }
                Section r = new Section(path, o, schema.rule(), o.origin(), p.problems);
                UnknownKeys.check(r, schema.rule().keySet());
                Rule rule = rule(r, schema);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return p.problems.count() == before ? new Policy(name, rules, fallback) : null;
    }

    private static Verdict verdict(Section s, String key) {
        String v = s.oneOf(key, "accept", "reject");
        return v == null ? null : v.equals("accept") ? Verdict.ACCEPT : Verdict.REJECT;
    }

    private static Rule rule(Section r, Schema schema) {
        int before = r.problems.count();
        Verdict verdict = r.require("action", "accept or reject") ? verdict(r, "action") : null;
        List<Match> matches = List.of();
        Section m = r.child("match", schema.match());
        if (m != null) {
            UnknownKeys.check(m, schema.match().keySet());
            matches = matches(m);
        }
        List<Action> actions = List.of();
        Section t = r.child("then", schema.then());
        if (t != null) {
            UnknownKeys.check(t, schema.then().keySet());
            actions = actions(t, schema.prepend());
            if (verdict == Verdict.REJECT && !t.writtenKeys().isEmpty()) {
                r.error("then", "a rejected route is not changed (action = reject): move these changes to a rule"
                        + " with action = accept");
            }
        }
        if (r.problems.count() != before) {
            return null;
        }
        return new Rule(matches, actions, verdict);
    }

    // ---- match { ... }

    private static List<Match> matches(Section m) {
        List<Match> out = new ArrayList<>();
        Family family = family(m);
        if (family != null) {
            out.add(new Match.FamilyMatch(family));
        }
        List<Source.Kind> sources = m.each("source", false, PolicyReader::source);
        if (sources != null) {
            out.add(new Match.SourceMatch(EnumSet.copyOf(sources)));
        }
        String peerType = m.oneOf("peer-type", "ebgp", "ibgp");
        if (peerType != null) {
            out.add(new Match.PeerTypeMatch(peerType.equals("ibgp") ? PeerType.INTERNAL : PeerType.EXTERNAL));
        }
        Match.PrefixMatch prefix = prefix(m, family);
        if (prefix != null) {
            out.add(prefix);
        }
        String iface = m.string("interface");
        if (iface != null) {
            boolean exclude = iface.startsWith("!");
            String glob = exclude ? iface.substring(1) : iface;
            if (glob.isEmpty()) {
                m.error("interface", "needs a name or a glob, like \"cali*\" (or \"!cali*\" to exclude)");
            } else {
                out.add(new Match.InterfaceMatch(glob, exclude));
            }
        }
        List<Community> communities = m.each("community", false, Literals::community);
        if (communities != null) {
            out.add(new Match.CommunityMatch(communities));
        }
        List<LargeCommunity> large = m.each("large-community", false, Literals::largeCommunity);
        if (large != null) {
            out.add(new Match.LargeCommunityMatch(large));
        }
        List<Long> asPath = m.each("as-path-prefix", false, PolicyReader::asNumber);
        if (asPath != null) {
            out.add(new Match.AsPathPrefixMatch(asPath));
        }
        Long priority = m.number("kernel-priority", 0, Action.SetKernelPriority.MAX,
                "a kernel priority is 0.." + Action.SetKernelPriority.MAX);
        if (priority != null) {
            out.add(new Match.KernelPriorityMatch(priority.intValue()));
        }
        String nextHop = m.string("next-hop");
        if (nextHop != null) {
            try {
                // Last: the one match that copies an address, so the others get to say no first.
                out.add(new Match.NextHopMatch(Literals.addressOrPrefix(nextHop)));
            } catch (Literals.Bad e) {
                m.error("next-hop", e.getMessage());
            }
        }
        return out;
    }

    private static Family family(Section m) {
        String f = m.oneOf("family", AddressFamily.IPV4_UNICAST.configName(), AddressFamily.IPV6_UNICAST.configName());
        return f == null ? null : f.equals(AddressFamily.IPV4_UNICAST.configName()) ? Family.IPV4_UNICAST
                : Family.IPV6_UNICAST;
    }

    private static Source.Kind source(String text) throws Literals.Bad {
        return switch (text) {
            case "remote-peers" -> Source.Kind.PEER;
            case "local" -> Source.Kind.LOCAL;
            case "kernel" -> Source.Kind.KERNEL;
            default -> throw new Literals.Bad("\"" + text + "\" is not a source: remote-peers, local, kernel");
        };
    }

    private static Long asNumber(String text) throws Literals.Bad {
        try {
            long as = Long.parseLong(text);
            if (as >= 1 && as <= AsNumbers.MAX) {
                return as;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Literals.Bad(text + " is not an AS number, 1.." + AsNumbers.MAX);
    }

    private static Match.PrefixMatch prefix(Section m, Family family) {
        if (!m.isSet("prefix")) {
            if (m.written("prefix-operator")) {
                m.error("prefix-operator", "needs a prefix to compare with");
            }
            if (m.isSet("prefix-length")) {
                m.error("prefix-length", "needs a prefix (0.0.0.0/0 or ::/0 for any route of a family)");
            }
            return null;
        }
        int before = m.problems.count();
        Prefix prefix = null;
        try {
            prefix = Literals.prefix(m.string("prefix"));
        } catch (Literals.Bad e) {
            m.error("prefix", e.getMessage());
        }
        String op = m.oneOf("prefix-operator", "in", "not-in", "equal", "not-equal");
        if (prefix == null || op == null) {
            return null;
        }
        if (family != null && !family.equals(prefix.unicastFamily())) {
            m.error("family", family + " and the " + Literals.familyName(prefix) + " prefix " + prefix
                    + " never both hold");
        }
        Match.PrefixMatch.Operator operator = switch (op) {
            case "in" -> Match.PrefixMatch.Operator.IN;
            case "not-in" -> Match.PrefixMatch.Operator.NOT_IN;
            case "equal" -> Match.PrefixMatch.Operator.EQUAL;
            default -> Match.PrefixMatch.Operator.NOT_EQUAL;
        };
        if (!m.isSet("prefix-length")) {
            return m.problems.count() == before ? Match.PrefixMatch.of(prefix, operator) : null;
        }
        if (operator == Match.PrefixMatch.Operator.EQUAL || operator == Match.PrefixMatch.Operator.NOT_EQUAL) {
            m.error("prefix-length", "applies to prefix-operator in and not-in; " + op
                    + " compares the whole prefix, length included");
            return null;
        }
        int[] range = lengthRange(m, prefix);
        if (range == null || m.problems.count() != before) {
            return null;
        }
        return new Match.PrefixMatch(prefix, operator, range[0], range[1]);
    }

    /** "24-32", 24 or { min = 24, max = 32 }, checked against the prefix; null (reported) when wrong. */
    private static int[] lengthRange(Section m, Prefix prefix) {
        int bits = Literals.bits(prefix);
        String family = Literals.familyName(prefix);
        ConfigValue v = m.raw("prefix-length");
        long min;
        long max;
        String written;
        if (v instanceof ConfigObject o) {
            Section range = new Section(m.key("prefix-length"), o, NO_DEFAULTS, o.origin(), m.problems);
            UnknownKeys.check(range, Set.of("min", "max"));
            int before = m.problems.count();
            Long lo = range.number("min", 0, Integer.MAX_VALUE, "a prefix length is not negative");
            Long hi = range.number("max", 0, Integer.MAX_VALUE, "a prefix length is not negative");
            if (m.problems.count() != before) {
                return null;
            }
            min = lo != null ? lo : prefix.length();
            max = hi != null ? hi : bits;
            written = (lo != null ? lo : "") + "-" + (hi != null ? hi : "");
        } else {
            String text = String.valueOf(v.unwrapped()).replace(" ", "");
            Matcher r = v.valueType() == ConfigValueType.LIST ? null : LENGTH_RANGE.matcher(text);
            if (r == null || !r.matches()) {
                m.error("prefix-length", "must be min-max like \"24-32\", one length like 24, or { min = 24,"
                        + " max = 32 }, not " + Section.render(v));
                return null;
            }
            min = Long.parseLong(r.group(1));
            max = r.group(2) != null ? Long.parseLong(r.group(2)) : min;
            written = text;
        }
        if (min > bits || max > bits) {
            m.error("prefix-length", "must be min-max within 0-" + bits + " for an " + family + " prefix, got "
                    + written);
            return null;
        }
        if (min > max) {
            m.error("prefix-length", written + ": min " + min + " is above max " + max);
            return null;
        }
        if (min < prefix.length()) {
            m.error("prefix-length", written + " starts below the length of " + prefix + " itself: a route inside"
                    + " it is /" + prefix.length() + " to /" + bits);
            return null;
        }
        return new int[] {(int) min, (int) max};
    }

    // ---- then { ... }, in its fixed order: removals before additions

    private static List<Action> actions(Section t, ConfigObject prependSchema) {
        List<Action> out = new ArrayList<>();
        List<Community> remove = t.each("remove-community", false, Literals::community);
        if (remove != null) {
            out.add(new Action.RemoveCommunities(remove));
        }
        List<Community> add = t.each("add-community", false, Literals::community);
        if (add != null) {
            out.add(new Action.AddCommunities(add));
        }
        List<LargeCommunity> removeLarge = t.each("remove-large-community", false, Literals::largeCommunity);
        if (removeLarge != null) {
            out.add(new Action.RemoveLargeCommunities(removeLarge));
        }
        List<LargeCommunity> addLarge = t.each("add-large-community", false, Literals::largeCommunity);
        if (addLarge != null) {
            out.add(new Action.AddLargeCommunities(addLarge));
        }
        List<Action.Prepend> prepend = prepend(t, prependSchema);
        if (prepend != null) {
            out.addAll(prepend);
        }
        Long localPref = t.number("local-pref", 0, AsNumbers.MAX, "LOCAL_PREF is 0.." + AsNumbers.MAX);
        if (localPref != null) {
            out.add(new Action.SetLocalPref(localPref));
        }
        Long med = t.number("med", 0, AsNumbers.MAX, "MED is 0.." + AsNumbers.MAX);
        if (med != null) {
            out.add(new Action.SetMed(med));
        }
        String nextHop = t.oneOf("next-hop", "self", "keep");
        if (nextHop != null) {
            out.add(new Action.SetNextHop(nextHop.equals("self") ? NextHopAction.SELF : NextHopAction.KEEP));
        }
        Long priority = t.number("kernel-priority", 0, Action.SetKernelPriority.MAX,
                "a kernel priority is 0.." + Action.SetKernelPriority.MAX);
        if (priority != null) {
            out.add(new Action.SetKernelPriority(priority.intValue()));
        }
        return out;
    }

    /**
     * {@code prepend = 2} (our AS twice), {@code prepend = { as = 65000, count = 2 }}, or a sequence the path is
     * to start with, {@code prepend = [65001, 65002]} (Calico's prependASPath): one prepend per AS, last first.
     */
    private static List<Action.Prepend> prepend(Section t, ConfigObject schema) {
        ConfigValue v = t.raw("prepend");
        String limit = "1.." + Action.Prepend.MAX_COUNT + " times";
        if (v == null) {
            return null;
        }
        if (v instanceof ConfigList) {
            int before = t.problems.count();
            List<Long> asns = new ArrayList<>();
            ConfigList list = (ConfigList) v;
            if (list.isEmpty() || list.size() > Action.Prepend.MAX_COUNT) {
                t.error("prepend", "a sequence to prepend holds 1.." + Action.Prepend.MAX_COUNT + " AS numbers, not "
                        + list.size());
                return null;
            }
            for (int i = 0; i < list.size(); i++) {
                ConfigValue item = list.get(i);
                try {
                    long as = asNumber(String.valueOf(item.unwrapped()));
                    if (as == AsNumbers.AS_TRANS) {
                        throw new Literals.Bad("23456 is AS_TRANS (RFC 6793), never a real AS");
                    }
                    asns.add(as);
                } catch (Literals.Bad e) {
                    t.problems.add(item.origin(), t.key("prepend") + "[" + i + "]", e.getMessage());
                }
            }
            if (t.problems.count() != before) {
                return null;
            }
            List<Action.Prepend> out = new ArrayList<>();
            for (int i = asns.size() - 1; i >= 0; i--) {
                out.add(new Action.Prepend(asns.get(i), 1));
            }
            return out;
        }
        if (!(v instanceof ConfigObject)) {
            Long count = t.number("prepend", 1, Action.Prepend.MAX_COUNT, "prepend our AS " + limit
                    + ", or write { as = ..., count = ... } or a sequence [65001, 65002]");
            return count == null ? null : List.of(new Action.Prepend(Action.Prepend.LOCAL_AS, count.intValue()));
        }
        Section p = t.child("prepend", schema);
        if (p == null) {
            return null;
        }
        UnknownKeys.check(p, schema.keySet());
        int before = p.problems.count();
        Long as = p.isSet("as") ? AsNumbers.read(p, "as") : Long.valueOf(Action.Prepend.LOCAL_AS);
        Long count = p.number("count", 1, Action.Prepend.MAX_COUNT, "prepend " + limit);
        if (p.problems.count() != before || as == null || count == null) {
            return null;
        }
        return List.of(new Action.Prepend(as, count.intValue()));
    }
}
