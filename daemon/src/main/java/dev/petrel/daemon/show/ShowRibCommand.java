package dev.petrel.daemon.show;

import dev.petrel.daemon.admin.ShowRibInHandler;
import dev.petrel.daemon.admin.ShowRibOutHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code petrel show rib-in PEER} and {@code petrel show rib-out PEER}: one peer's Adj-RIB-In and Adj-RIB-Out. */
final class ShowRibCommand {
    private ShowRibCommand() {}

    /** What both take. */
    static class Args {
        @Parameters(paramLabel = "PEER", description = "the peer's configured name")
        String peer;

        @Option(names = "--family", paramLabel = "FAMILY", description = "ipv4-unicast, ipv6-unicast or all (default)")
        String family;

        @Option(names = "--limit", paramLabel = "N", description = "at most N routes (default 10000, at most 100000)")
        Integer limit;

        @Option(names = "--json", description = "print the daemon's JSON answer, pretty-printed")
        boolean json;

        @Mixin
        AdminOptions admin;

        Map<String, String> arguments() {
            Map<String, String> args = new HashMap<>();
            args.put("peer", peer);
            if (family != null) {
                args.put("family", family);
            }
            if (limit != null) {
                args.put("limit", limit.toString());
            }
            return args;
        }
    }

    @Command(name = "rib-in", mixinStandardHelpOptions = true,
            description = {"The paths PEER sent (Adj-RIB-In), with their attributes as received: *> best,",
                    "* valid, blank not eligible (import policy, AS loop, next hop) with the reason.",
                    "--json adds the attributes after import policy.",
                    "Exit status: 0, or 1 when the daemon cannot be reached or answers with an error."})
    static final class In extends Args implements Callable<Integer> {
        @Override
        public Integer call() {
            return AdminQuestion.ask("show rib-in", admin, ShowRibInHandler.COMMAND, arguments(), json,
                    answer -> RoutesText.render(answer, true));
        }
    }

    @Command(name = "rib-out", mixinStandardHelpOptions = true,
            description = {"What PEER was sent (Adj-RIB-Out): the attributes and next hop after export policy.",
                    "Exit status: 0, or 1 when the daemon cannot be reached or answers with an error."})
    static final class Out extends Args implements Callable<Integer> {
        @Override
        public Integer call() {
            return AdminQuestion.ask("show rib-out", admin, ShowRibOutHandler.COMMAND, arguments(), json,
                    RibOutText::render);
        }
    }
}
