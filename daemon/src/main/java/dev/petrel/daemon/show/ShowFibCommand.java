package dev.petrel.daemon.show;

import dev.petrel.daemon.admin.ShowFibHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petrel show fib}: the kernel FIB, each prefix Petrel writes with where it stands (installed, pending,
 * failed, refused, stale, removing); {@code --diff} reads the kernel and compares.
 */
@Command(name = "fib", mixinStandardHelpOptions = true,
        description = {"The kernel FIB: what Petrel writes to the kernel's routing table, and where each prefix stands.",
                "--diff reads the kernel now and lists what differs from what should be there.",
                "Exit status: 0, or 1 when the daemon cannot be reached or answers with an error."})
public final class ShowFibCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "only this prefix (192.0.2.0/24), matched exactly")
    String prefix;

    @Option(names = "--diff", description = "compare a fresh read of the kernel with what should be there")
    boolean diff;

    @Option(names = "--limit", paramLabel = "N", description = "at most N prefixes (default 10000, at most 100000)")
    Integer limit;

    @Option(names = "--json", description = "print the daemon's JSON answer, pretty-printed")
    boolean json;

    @Mixin
    AdminOptions admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (diff && prefix != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--diff compares the whole table: it takes no PREFIX");
        }
        Map<String, String> args = new HashMap<>();
        if (prefix != null) {
            args.put("prefix", prefix);
        }
        if (limit != null) {
            args.put("limit", limit.toString());
        }
        if (diff) {
            args.put("diff", "true");
        }
        return AdminQuestion.ask("show fib", admin, ShowFibHandler.COMMAND, args, json, FibText::render);
    }
}
