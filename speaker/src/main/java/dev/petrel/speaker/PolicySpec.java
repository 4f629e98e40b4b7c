package dev.petrel.speaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A named policy built in Java: rules in order, the first whose match holds decides, then a default; the same
 * policy as a configuration file's {@code petrel.policies} block (docs/configuration.md, "Policies"), key for key.
 * {@link DesiredState.Builder#policy(PolicySpec)} adds it; it is checked, like every policy, by the configuration
 * checker when the state is applied, which names a problem by its key
 * ({@code petrel.policies.NAME.rules[0].match.prefix: host bits set in 10.0.0.1/8}).
 *
 * <pre>{@code
 * PolicySpec toTor = PolicySpec.builder("to-tor")
 *         .accept(m -> m.source("local").prefixIn("10.244.0.0/16", 26, 26), t -> t.addCommunity("64512:100"))
 *         .reject(m -> m.community("no-export"))
 *         .defaultReject()
 *         .build();
 * }</pre>
 *
 * <p>Each method sets one key; calling it again replaces the earlier value (as a second key would in a file).
 * Values are checked when the state is applied; null is refused at once.
 *
 * @param name the policy's name, {@code [A-Za-z0-9_-]{1,64}}, not {@code all} or {@code none}
 * @param rules the rules in order, each as its configuration keys
 * @param defaultAccept what happens to a route no rule matched
 */
public record PolicySpec(String name, List<Rule> rules, boolean defaultAccept) {
    public PolicySpec {
        rules = List.copyOf(rules);
    }

    /**
     * One rule: its verdict, its {@code match} keys (all must hold; none: every route) and, accepting, its {@code
     * then} keys, each with the value the configuration takes.
     */
    public record Rule(boolean accept, Map<String, Object> match, Map<String, Object> then) {
        public Rule {
            if (!accept && !then.isEmpty()) {
                throw new IllegalArgumentException("a rejecting rule changes nothing: no then keys");
            }
            match = frozen(match);
            then = frozen(then);
        }
    }

    private static List<Long> longs(long... values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    /** A copy that cannot change, nested lists and maps included; null refused. */
    private static Map<String, Object> frozen(Map<String, Object> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach((k, v) -> out.put(java.util.Objects.requireNonNull(k, "key"), frozenValue(k, v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object frozenValue(String key, Object v) {
        java.util.Objects.requireNonNull(v, key);
        if (v instanceof Map<?, ?> m) {
            return frozen((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return List.copyOf(l); // List.copyOf refuses null elements
        }
        return v;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The policy's body as HOCON (JSON): what {@link DesiredState#policies()} holds. */
    public String hocon() {
        List<Object> list = new ArrayList<>();
        for (Rule r : rules) {
            Map<String, Object> rule = new LinkedHashMap<>();
            if (!r.match().isEmpty()) {
                rule.put("match", r.match());
            }
            if (!r.then().isEmpty()) {
                rule.put("then", r.then());
            }
            rule.put("action", r.accept() ? "accept" : "reject");
            list.add(rule);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", list);
        body.put("default", defaultAccept ? "accept" : "reject");
        return Hocon.value(body);
    }

    public static final class Builder {
        private final String name;
        private final List<Rule> rules = new ArrayList<>();
        private boolean defaultAccept;

        private Builder(String name) {
            this.name = name;
        }

        /** A rule accepting the routes {@code match} describes, changed as {@code then} says. */
        public Builder accept(Consumer<Match> match, Consumer<Then> then) {
            Match m = new Match();
            match.accept(m);
            Then t = new Then();
            then.accept(t);
            rules.add(new Rule(true, m.keys, t.keys));
            return this;
        }

        /** A rule accepting the routes {@code match} describes, unchanged. */
        public Builder accept(Consumer<Match> match) {
            return accept(match, t -> { });
        }

        /** A rule rejecting the routes {@code match} describes (a rejected route is not changed). */
        public Builder reject(Consumer<Match> match) {
            Match m = new Match();
            match.accept(m);
            rules.add(new Rule(false, m.keys, Map.of()));
            return this;
        }

        /** Routes no rule matched are accepted. */
        public Builder defaultAccept() {
            defaultAccept = true;
            return this;
        }

        /** Routes no rule matched are rejected (the default). */
        public Builder defaultReject() {
            defaultAccept = false;
            return this;
        }

        public PolicySpec build() {
            return new PolicySpec(name, rules, defaultAccept);
        }
    }

    /** The {@code match} keys of one rule; each method sets one key (docs/configuration.md, "match keys"). */
    public static final class Match {
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private Match put(String key, Object value) {
            keys.put(key, frozenValue(key, value));
            return this;
        }

        /** One prefix condition per rule: the last of these calls sets it, length range included. */
        private Match prefix(String prefix, String operator) {
            keys.remove("prefix-length");
            return put("prefix", prefix).put("prefix-operator", operator);
        }

        /** {@code prefix} with {@code prefix-operator = in}: the prefix itself or more specific. */
        public Match prefixIn(String prefix) {
            return prefix(prefix, "in");
        }

        /** The same, with the route's prefix length in {@code min..max}. */
        public Match prefixIn(String prefix, int min, int max) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("min", min);
            range.put("max", max);
            return prefix(prefix, "in").put("prefix-length", range);
        }

        /** {@code prefix-operator = not-in}: of the prefix's family, but not in it. */
        public Match prefixNotIn(String prefix) {
            return prefix(prefix, "not-in");
        }

        /** {@code prefix-operator = equal}: exactly the prefix. */
        public Match prefixEqual(String prefix) {
            return prefix(prefix, "equal");
        }

        /** {@code prefix-operator = not-equal}: of the prefix's family, but not it. */
        public Match prefixNotEqual(String prefix) {
            return prefix(prefix, "not-equal");
        }

        /** {@code ipv4-unicast} or {@code ipv6-unicast}. */
        public Match family(String family) {
            return put("family", family);
        }

        /** Any of {@code remote-peers}, {@code local}, {@code kernel}. */
        public Match source(String... sources) {
            return put("source", sources.length == 1 ? java.util.Objects.requireNonNull(sources[0], "source")
                    : List.of(sources));
        }

        /** {@code ebgp} or {@code ibgp}: the session the policy runs for. */
        public Match peerType(String type) {
            return put("peer-type", type);
        }

        /** The route's interface matches the glob ({@code "cali*"}; {@code "!cali*"} excludes). */
        public Match iface(String glob) {
            return put("interface", glob);
        }

        /** COMMUNITIES holds any of these ({@code "65000:100"} or a name such as {@code no-export}). */
        public Match community(String... communities) {
            return put("community", List.of(communities));
        }

        /** LARGE_COMMUNITIES holds any of these ({@code "65000:1:2"}). */
        public Match largeCommunity(String... communities) {
            return put("large-community", List.of(communities));
        }

        /** The AS_PATH starts with these ASes, the neighbour first. */
        public Match asPathPrefix(long... asns) {
            return put("as-path-prefix", longs(asns));
        }

        /** The next hop is this address, or inside this prefix. */
        public Match nextHop(String addressOrPrefix) {
            return put("next-hop", addressOrPrefix);
        }

        /** The route's kernel priority (metric) is this one. */
        public Match kernelPriority(int priority) {
            return put("kernel-priority", priority);
        }
    }

    /** The {@code then} keys of an accepting rule (docs/configuration.md, "then keys"). */
    public static final class Then {
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private Then put(String key, Object value) {
            keys.put(key, frozenValue(key, value));
            return this;
        }

        public Then addCommunity(String... communities) {
            return put("add-community", List.of(communities));
        }

        public Then removeCommunity(String... communities) {
            return put("remove-community", List.of(communities));
        }

        public Then addLargeCommunity(String... communities) {
            return put("add-large-community", List.of(communities));
        }

        public Then removeLargeCommunity(String... communities) {
            return put("remove-large-community", List.of(communities));
        }

        /** Prepends our AS {@code count} times. */
        public Then prepend(int count) {
            return put("prepend", count);
        }

        /** Prepends {@code as} {@code count} times. */
        public Then prepend(long as, int count) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("as", as);
            p.put("count", count);
            return put("prepend", p);
        }

        /** Prepends this sequence: the path then starts with it (Calico's {@code prependASPath}). */
        public Then prependSequence(long... asns) {
            return put("prepend", longs(asns));
        }

        public Then localPref(long localPref) {
            return put("local-pref", localPref);
        }

        public Then med(long med) {
            return put("med", med);
        }

        /** We are the next hop when the route is sent. */
        public Then nextHopSelf() {
            return put("next-hop", "self");
        }

        /** The next hop is passed on unchanged. */
        public Then nextHopKeep() {
            return put("next-hop", "keep");
        }

        /** The route's priority (metric) in the kernel. */
        public Then kernelPriority(int priority) {
            return put("kernel-priority", priority);
        }
    }
}
