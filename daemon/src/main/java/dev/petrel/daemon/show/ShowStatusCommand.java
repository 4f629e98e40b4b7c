package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.ShowStatusHandler;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel show status}: version, identity, uptime, and the phase with its reasons. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The daemon's version, router ID, AS, uptime and phase (starting, graceful-restart-recovery,"
                + " converged, degraded, down) with the reasons.",
                "Exit status: 0 when the daemon is ready, 3 when it answers but is not ready, 1 when it cannot be"
                        + " reached or answers with an error."})
public final class ShowStatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "print the daemon's JSON answer, pretty-printed")
    boolean json;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() throws IOException {
        JsonNode answer;
        try {
            answer = new AdminClient(admin.socketPath()).call(ShowStatusHandler.COMMAND);
        } catch (AdminException e) {
            System.err.println("petrel show status: " + e.getMessage());
            return 1;
        }
        System.out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n"
                : StatusText.render(answer));
        System.out.flush();
        return answer.path("ready").asBoolean() ? 0 : 3;
    }
}
