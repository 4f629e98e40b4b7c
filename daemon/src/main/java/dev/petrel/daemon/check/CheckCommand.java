package dev.petrel.daemon.check;

import dev.petrel.config.ConfigError;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel check --config FILE}: read and validate a configuration without starting anything, as
 * {@code bgpd -n} does, so a change can be checked before a reload.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a configuration file: print \"configuration OK\", or every error as",
                "file:line: key: message on standard error (exit status 1). Warnings (file:line: warning:",
                "key: message, on standard error) do not change the exit status: a local-address or listen",
                "address not on this host yet, a configured peer inside a listen range."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the HOCON configuration")
    Path config;

    @Override
    public Integer call() {
        ConfigResult result = ConfigLoader.load(config);
        for (ConfigError w : result.warnings()) {
            System.err.println(warning(w));
        }
        if (result instanceof ConfigResult.Valid) {
            System.out.println("configuration OK");
            return 0;
        }
        for (ConfigError e : result.errors()) {
            System.err.println(e);
        }
        return 1;
    }

    /** {@code file:line: warning: key: message}, as compilers mark a warning. */
    public static String warning(ConfigError w) {
        String at = w.file() + (w.line() > 0 ? ":" + w.line() : "") + ": ";
        return at + "warning: " + w.toString().substring(at.length());
    }
}
