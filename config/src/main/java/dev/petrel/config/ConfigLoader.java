package dev.petrel.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a configuration: HOCON text, substitutions from the environment ({@code ${?UPSTREAM_PASSWORD}}), the
 * defaults of reference.conf, then every check. Never throws for a bad configuration: every problem, syntax
 * errors included, comes back as a {@link ConfigError} with its file and line.
 *
 * <p>Only the environment is used for substitutions: Java system properties are not merged into the tree, so
 * a {@code -D} flag cannot change a setting behind the file's back.
 */
public final class ConfigLoader {
    private static final Reference REFERENCE = Reference.load();

    private ConfigLoader() {}

    /** Reads a file; substitutions come from the process environment. */
    public static ConfigResult load(Path file) {
        return load(file, null);
    }

    /** Reads a file; substitutions come from {@code environment}, or the process's when null. */
    public static ConfigResult load(Path file, Map<String, String> environment) {
        return load(file, environment, HostAddresses.SYSTEM);
    }

    /**
     * Reads a file; substitutions come from {@code environment}, or the process's when null; the addresses we
     * bind are checked against {@code host} (a warning when one is missing).
     */
    public static ConfigResult load(Path file, Map<String, String> environment, HostAddresses host) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            return fileProblem(name, Files.exists(file) ? "is not a regular file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            return fileProblem(name, "cannot be read (permission denied)");
        }
        return read(() -> ConfigFactory.parseFile(file.toFile(), options(name)), name, file, environment, host);
    }

    /** Reads HOCON text; {@code originName} stands for the file in errors. */
    public static ConfigResult parse(String text, String originName) {
        return parse(text, originName, null);
    }

    /** Reads HOCON text; substitutions come from {@code environment}, or the process's when null. */
    public static ConfigResult parse(String text, String originName, Map<String, String> environment) {
        return parse(text, originName, environment, HostAddresses.SYSTEM);
    }

    /** Reads HOCON text, the addresses we bind checked against {@code host}. */
    public static ConfigResult parse(String text, String originName, Map<String, String> environment,
            HostAddresses host) {
        return read(() -> ConfigFactory.parseString(text, options(originName)), originName, null, environment, host);
    }

    /** Reads a resource of the thread's context class loader (tests keep their configurations there). */
    public static ConfigResult loadResource(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader l = loader != null ? loader : ConfigLoader.class.getClassLoader();
        if (l.getResource(resource) == null) {
            return fileProblem(resource, "no such resource on the classpath");
        }
        return read(() -> ConfigFactory.parseResources(l, resource, options(resource)), resource, null, null,
                HostAddresses.SYSTEM);
    }

    private static ConfigParseOptions options(String originName) {
        // HOCON whatever the file name ends with: a .json or .properties name must not change the syntax.
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(originName)
                .setAllowMissing(false);
    }

    private static ConfigResult read(Supplier<Config> parser, String originName, Path file,
            Map<String, String> environment, HostAddresses host) {
        Problems problems = new Problems(originName, REFERENCE.url());
        Config user;
        try {
            Config parsed = parser.get();
            Config env = environment == null ? ConfigFactory.systemEnvironment()
                    : ConfigValueFactory.fromMap(environment).toConfig();
            // Resolve the user's tree against itself, the defaults and the environment, and keep only the
            // user's tree: its values keep their own origins for the error lines.
            user = parsed.resolveWith(parsed.withFallback(REFERENCE.config()).withFallback(env),
                    ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            problems.add(e.origin(), "", withoutOrigin(e));
            return new ConfigResult.Invalid(problems.sorted());
        }
        PetrelConfig config = PetrelReader.read(user.root(), REFERENCE.config().root(), file, problems, host);
        return config != null && problems.isEmpty() ? new ConfigResult.Valid(config, problems.sortedWarnings())
                : new ConfigResult.Invalid(problems.sorted(), problems.sortedWarnings());
    }

    /** typesafe-config starts its messages with the origin, which the error already shows as file:line. */
    private static String withoutOrigin(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null && m.startsWith(e.origin().description() + ": ")) {
            m = m.substring(e.origin().description().length() + 2);
        }
        return m;
    }

    private static ConfigResult fileProblem(String name, String message) {
        return new ConfigResult.Invalid(java.util.List.of(new ConfigError(name, -1, "", message)));
    }

    /** reference.conf: the schema and its defaults. */
    private record Reference(Config config, String url) {
        /**
         * Other libraries may have a reference.conf too; ours is the one with a {@code petrel} block, and it
         * is read on its own so no other library's defaults end up in the tree.
         */
        static Reference load() {
            try {
                for (URL u : Collections.list(ConfigLoader.class.getClassLoader().getResources("reference.conf"))) {
                    Config c = ConfigFactory.parseURL(u).resolve();
                    if (c.hasPath("petrel.peer-defaults")) {
                        return new Reference(c, u.toExternalForm());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("petrel's reference.conf is not on the classpath");
        }
    }
}
