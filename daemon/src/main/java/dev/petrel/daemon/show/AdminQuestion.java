package dev.petrel.daemon.show;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import java.util.Map;
import java.util.function.Function;

/**
 * One question a {@code show} subcommand asks the daemon: the answer printed as the daemon's JSON or as text drawn
 * from it, a failure on stderr as "petrel show routes: ..." with exit status 1.
 */
final class AdminQuestion {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminQuestion() {}

    /**
     * @param name how the operator called it, for error messages: "show routes"
     * @param text draws the text output from the answer
     */
    static int ask(String name, AdminOptions admin, String command, Map<String, String> args, boolean json,
            Function<JsonNode, String> text) {
        try {
            JsonNode answer = new AdminClient(admin.socketPath()).call(command, args);
            if (json) {
                // As the daemon said it, not as this client understands it: --json is for scripts and bug reports.
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                System.out.print(text.apply(answer));
            }
            System.out.flush();
            return 0;
        } catch (AdminException e) {
            System.err.println("petrel " + name + ": " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a parsed answer back out", e);
        }
    }
}
