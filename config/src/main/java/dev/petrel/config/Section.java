package dev.petrel.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;

/**
 * One object of the configuration (the petrel block, a peer) with typed reads that report what is wrong and
 * return null, so the caller goes on to the next key. HOCON's own conversions are used (a boolean may be
 * written "yes"), with two refusals: a bare number as a time, and a fraction where a whole number is needed.
 */
final class Section {
    final String path;
    /** What the user wrote for this object, or null. */
    private final ConfigObject own;
    /** What the user wrote with the defaults under it. */
    final ConfigObject values;
    private final ConfigOrigin written;
    final Problems problems;

    /**
     * @param path the full path of this object, like {@code petrel.peers[1]}
     * @param own the object as the user wrote it, or null when the file does not have it
     * @param defaults the values taken for keys the user left out
     * @param written where errors about defaults point (where the user wrote the object); null for nowhere
     */
    Section(String path, ConfigObject own, ConfigObject defaults, ConfigOrigin written, Problems problems) {
        this.path = path;
        this.own = own;
        // Merged here rather than in the whole tree, because merging objects loses their origins (the line of
        // the user's object is needed for errors about keys it left out).
        this.values = own == null ? defaults : own.withFallback(defaults);
        this.written = written;
        this.problems = problems;
    }

    String key(String key) {
        return path + "." + key;
    }

    /** Where an error about {@code key} points: the value if the user wrote it, else the object that took it. */
    ConfigOrigin origin(String key) {
        if (own != null && own.containsKey(key)) {
            return own.get(key).origin();
        }
        ConfigValue v = values.get(key);
        return v != null && !problems.isDefault(v.origin()) ? v.origin() : written;
    }

    void error(String key, String message) {
        problems.add(origin(key), key(key), message);
    }

    /** A doubt about {@code key} that does not make the configuration invalid. */
    void warn(String key, String message) {
        problems.warn(origin(key), key(key), message);
    }

    /** The keys the user wrote in this object. */
    java.util.Set<String> writtenKeys() {
        return own == null ? java.util.Set.of() : own.keySet();
    }

    boolean isSet(String key) {
        ConfigValue v = values.get(key);
        return v != null && v.valueType() != ConfigValueType.NULL;
    }

    /** True when set; otherwise reports that the key is required. */
    boolean require(String key, String what) {
        if (isSet(key)) {
            return true;
        }
        error(key, "is required: " + what);
        return false;
    }

    String string(String key) {
        if (!isSet(key)) {
            return null;
        }
        ConfigValue v = values.get(key);
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
            error(key, "must be a string, not " + typeName(v));
            return null;
        }
        return String.valueOf(v.unwrapped());
    }

    /** A whole number in [min, max]; {@code limit} names the range in the error. */
    Long number(String key, long min, long max, String limit) {
        if (!isSet(key)) {
            return null;
        }
        ConfigValue v = values.get(key);
        long n;
        try {
            if (v.valueType() == ConfigValueType.NUMBER && !(v.unwrapped() instanceof Integer)
                    && !(v.unwrapped() instanceof Long)) {
                error(key, "must be a whole number, not " + v.unwrapped());
                return null;
            }
            n = v.atKey("v").getLong("v");
        } catch (ConfigException.WrongType e) {
            error(key, "must be a whole number, not " + render(v));
            return null;
        }
        if (n < min || n > max) {
            error(key, n + " is out of range: " + limit);
            return null;
        }
        return n;
    }

    Boolean bool(String key) {
        if (!isSet(key)) {
            return null;
        }
        try {
            return values.get(key).atKey("v").getBoolean("v");
        } catch (ConfigException.WrongType e) {
            error(key, "must be true or false, not " + render(values.get(key)));
            return null;
        }
    }

    /**
     * A time in whole seconds. A bare number is refused: HOCON would take "90" as 90 milliseconds, and a BGP
     * operator means seconds.
     */
    Duration duration(String key) {
        if (!isSet(key)) {
            return null;
        }
        ConfigValue v = values.get(key);
        String text = String.valueOf(v.unwrapped()).strip();
        if (v.valueType() == ConfigValueType.NUMBER || text.matches("[0-9]+")) {
            error(key, "needs a unit, like " + text + "s (a bare number would be milliseconds)");
            return null;
        }
        Duration d;
        try {
            d = v.atKey("v").getDuration("v");
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            error(key, "must be a time like 90s or 2m, not " + render(v));
            return null;
        }
        if (d.isNegative()) {
            error(key, "must not be negative, not " + text);
            return null;
        }
        if (d.getNano() != 0) {
            error(key, "must be a whole number of seconds, not " + text);
            return null;
        }
        return d;
    }

    /** The list at {@code key}, or null (reported) when it is something else. */
    ConfigList list(String key) {
        if (!isSet(key)) {
            return null;
        }
        ConfigValue v = values.get(key);
        if (v instanceof ConfigList l) {
            return l;
        }
        error(key, "must be a list [...], not " + render(v));
        return null;
    }

    /** The object at {@code key} as a section, or null (reported) when it is something else. */
    Section child(String key, ConfigObject defaults) {
        ConfigValue mine = own == null ? null : own.get(key);
        if (mine == null) {
            return new Section(key(key), null, defaults, written, problems);
        }
        if (mine instanceof ConfigObject o) {
            return new Section(key(key), o, defaults, o.origin(), problems);
        }
        error(key, "must be an object {...}, not " + render(mine));
        return null;
    }

    /** The value at {@code key}, defaults included; null when unset or null. */
    ConfigValue raw(String key) {
        return isSet(key) ? values.get(key) : null;
    }

    /** Whether the user wrote {@code key} in this object (not null), rather than taking a default. */
    boolean written(String key) {
        return own != null && own.containsKey(key) && own.get(key).valueType() != ConfigValueType.NULL;
    }

    /** The string at {@code key} when it is one of {@code names}; null (reported) when it is another. */
    String oneOf(String key, String... names) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        for (String n : names) {
            if (n.equals(v)) {
                return v;
            }
        }
        error(key, "\"" + v + "\" is not one of: " + String.join(", ", names));
        return null;
    }

    /** Parses one written value; {@link Literals.Bad} says what is wrong with it. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws Literals.Bad;
    }

    /**
     * The values of a list at {@code key}, or of a single value as a list of one, each parsed; null when unset,
     * or (each bad one reported where it is written) when any is wrong or one is listed twice.
     */
    <T> java.util.List<T> each(String key, boolean emptyAllowed, Parser<T> parser) {
        ConfigValue v = raw(key);
        if (v == null) {
            return null;
        }
        if (v.valueType() == ConfigValueType.OBJECT) {
            error(key, "must be a value or a list [...], not an object");
            return null;
        }
        java.util.List<ConfigValue> items = v instanceof ConfigList l ? l : java.util.List.of(v);
        if (items.isEmpty() && !emptyAllowed) {
            error(key, "is empty; leave it out instead");
            return null;
        }
        int before = problems.count();
        java.util.List<T> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            String itemKey = v instanceof ConfigList ? key(key) + "[" + i + "]" : key(key);
            ConfigOrigin at = v instanceof ConfigList && !problems.isDefault(item.origin()) ? item.origin()
                    : origin(key);
            if (item.valueType() == ConfigValueType.LIST || item.valueType() == ConfigValueType.OBJECT
                    || item.valueType() == ConfigValueType.NULL) {
                problems.add(at, itemKey, render(item) + " must be a single value");
                continue;
            }
            try {
                T t = parser.parse(String.valueOf(item.unwrapped()));
                if (out.contains(t)) {
                    problems.add(at, itemKey, render(item) + " is listed twice");
                } else {
                    out.add(t);
                }
            } catch (Literals.Bad e) {
                problems.add(at, itemKey, e.getMessage());
            }
        }
        return problems.count() == before ? java.util.List.copyOf(out) : null;
    }

    static String render(ConfigValue v) {
        return v == null ? "nothing" : v.render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    private static String typeName(ConfigValue v) {
        return v.valueType() == ConfigValueType.LIST ? "a list" : "an object";
    }
}
