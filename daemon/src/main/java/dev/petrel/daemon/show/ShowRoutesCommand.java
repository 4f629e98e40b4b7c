package dev.petrel.daemon.show;

import dev.petrel.daemon.admin.ShowRoutesCountHandler;
import dev.petrel.daemon.admin.ShowRoutesHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petrel show routes}: the RIB as BIRD's {@code show route} and FRR's {@code show bgp ipv4 unicast} show
 * it, one line per path; {@code --explain} ranks one prefix's candidates, {@code --count} counts the RIB.
 */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = {"The routes in the RIB, one line per path: *> best, * valid, blank not eligible.",
                "Exit status: 0, or 1 when the daemon cannot be reached or answers with an error."})
public final class ShowRoutesCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PREFIX",
            description = "only this prefix (192.0.2.0/24), or the route an address (192.0.2.7) is forwarded by")
    String prefix;

    @Option(names = "--family", paramLabel = "FAMILY", description = "ipv4-unicast, ipv6-unicast or all (default)")
    String family;

    @Option(names = "--explain", description = "with PREFIX: every candidate ranked, and the step each one lost at")
    boolean explain;

    @Option(names = "--count", description = "count prefixes and paths per family and per peer, and the memory used")
    boolean count;

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
        if (count) {
            if (prefix != null || explain || family != null || limit != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--count counts the whole RIB: it takes no PREFIX, --explain, --family or --limit");
            }
            return AdminQuestion.ask("show routes", admin, ShowRoutesCountHandler.COMMAND, Map.of(), json,
                    CountsText::render);
        }
        if (explain && prefix == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--explain needs a PREFIX");
        }
        Map<String, String> args = new HashMap<>();
        if (prefix != null) {
            args.put("prefix", prefix);
        }
        if (family != null) {
            args.put("family", family);
        }
        if (limit != null) {
            args.put("limit", limit.toString());
        }
        if (explain) {
            args.put("explain", "true");
        }
        return AdminQuestion.ask("show routes", admin, ShowRoutesHandler.COMMAND, args, json,
                explain ? ExplainText::render : answer -> RoutesText.render(answer, false));
    }
}
