package dev.petrel.speaker;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the values of a {@link PeerSpec} as HOCON (JSON, which HOCON reads), for the configuration checker. */
final class Hocon {
    private Hocon() {}

    /** One value: a string, number, boolean, duration, list or map. */
    static String value(Object v) {
        return ConfigValueFactory.fromAnyRef(plain(v)).render(ConfigRenderOptions.concise());
    }

    /**
     * A policy body parsed on its own and rendered back as one JSON object.
     *
     * @throws InvalidStateException when it is not HOCON for one object
     */
    static String object(String name, String body) {
        try {
            return com.typesafe.config.ConfigFactory.parseString(body,
                    com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("policy " + name))
                    .root().render(ConfigRenderOptions.concise());
        } catch (com.typesafe.config.ConfigException e) {
            throw new InvalidStateException(java.util.List.of("policy " + name + ": " + e.getMessage()));
        }
    }

    /** A quoted key, so that a policy name with a dot stays one key. */
    static String key(String name) {
        return ConfigValueFactory.fromAnyRef(name).render(ConfigRenderOptions.concise());
    }

    /** Durations become whole seconds ({@code "90s"}), the only form the configuration takes. */
    private static Object plain(Object v) {
        if (v instanceof Duration d) {
            if (d.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("durations are whole seconds, got " + d);
            }
            return d.toSeconds() + "s";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Hocon::plain).toList();
        }
        if (v instanceof java.net.InetAddress a) {
            return a.getHostAddress();
        }
        return v;
    }
}
