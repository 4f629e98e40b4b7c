package dev.petrel.daemon.reload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.ReloadHandler;
import dev.petrel.daemon.show.AdminOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel reload [--dry-run] [--json]}: ask the running daemon to re-read its configuration file. Prints the
 * plan, one line per change ("no changes" for an identical file); exits 1 if the file has errors (each printed as
 * {@code file:line: key: message}) or needs a restart, and nothing changed.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Re-read the running daemon's configuration file and apply what changed, without",
                "touching the rest: an identical file sends no message to any peer. Same as SIGHUP."})
public final class ReloadCommand implements Callable<Integer> {
    /** Reset peers wait up to 2 s for their NOTIFICATIONs to leave; leave room for it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--dry-run", description = "print the plan only; change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print the daemon's answer as JSON")
    boolean json;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        JsonNode answer;
        try {
            answer = new AdminClient(admin.socketPath(), TIMEOUT).call(ReloadHandler.COMMAND,
                    Map.of("dry_run", Boolean.toString(dryRun)));
        } catch (AdminException e) {
            System.err.println("petrel reload: " + e.getMessage());
            return 1;
        }
        String status = answer.path("status").asText();
        boolean ok = status.equals("applied") || status.equals("planned");
        if (json) {
            System.out.println(answer);
            return ok ? 0 : 1;
        }
        for (JsonNode w : answer.path("warnings")) {
            System.err.println(w.asText());
        }
        for (JsonNode e : answer.path("errors")) {
            System.err.println(e.asText());
        }
        for (JsonNode l : answer.path("lines")) {
            System.out.println(l.asText());
        }
        switch (status) {
            case "invalid" -> System.err.println("petrel reload: the configuration has errors; the daemon runs on"
                    + " unchanged");
            case "refused" -> System.err.println("petrel reload: refused, nothing changed: the changes above need"
                    + " a restart");
            case "failed" -> System.err.println("petrel reload: failed, nothing changed");
            case "planned" -> System.out.println("(dry run: nothing applied)");
            default -> {
                // applied: the lines say what
            }
        }
        return ok ? 0 : 1;
    }
}
