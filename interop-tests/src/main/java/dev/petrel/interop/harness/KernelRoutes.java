package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.CommandResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A namespace's Linux routing table through iproute2's JSON ({@code ip -n NS -j route show ...}), parsed with
 * Jackson, and the few changes the FIB scenarios make to it ({@code ip -n NS route add/del ...}).
 *
 * <p>iproute2 writes a host route's {@code dst} without its length ({@code "10.255.211.5"}); {@link #prefix}
 * puts it back ({@code /32}, {@code /128}) so callers compare prefixes as written everywhere else.
 */
public final class KernelRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KernelRoutes() {
    }

    /** {@code ip -n NS -j route show SELECTOR...} ({@code -6} first for IPv6), one JSON object per route. */
    public static List<JsonNode> show(Netns ns, boolean ipv6, String... selector) {
        List<String> args = new ArrayList<>();
        if (ipv6) {
            args.add("-6");
        }
        args.addAll(List.of("-j", "route", "show"));
        args.addAll(List.of(selector));
        CommandResult r = ns.ip(args.toArray(String[]::new)).orThrow();
        String out = r.stdout().strip();
        if (out.isEmpty()) {
            return List.of();
        }
        try {
            List<JsonNode> routes = new ArrayList<>();
            JSON.readTree(out).forEach(routes::add);
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException("unparsable ip -j route output: " + out, e);
        }
    }

    /** Petrel's routes: {@code ip -j route show proto PROTOCOL} (IPv4). */
    public static List<JsonNode> byProtocol(Netns ns, int protocol) {
        return show(ns, false, "proto", Integer.toString(protocol));
    }

    /** The route for exactly {@code prefix} among {@code routes}, if any. */
    public static Optional<JsonNode> find(List<JsonNode> routes, String prefix) {
        return routes.stream().filter(r -> prefix(r).equals(prefix)).findFirst();
    }

    /** The route's destination as a prefix with its length. */
    public static String prefix(JsonNode route) {
        String dst = route.path("dst").asText();
        if (dst.equals("default")) {
            return "0.0.0.0/0";
        }
        if (dst.contains("/")) {
            return dst;
        }
        return dst + (dst.contains(":") ? "/128" : "/32");
    }

    /** {@code ip -n NS route ARGS...} (add, del, replace), which must succeed. */
    public static CommandResult change(Netns ns, String... args) {
        List<String> all = new ArrayList<>(List.of("route"));
        all.addAll(List.of(args));
        return ns.ip(all.toArray(String[]::new)).orThrow();
    }
}
