package dev.petrel.daemon.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.StopHandler;
import dev.petrel.daemon.show.AdminOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel stop [--for-good]}: stop the running daemon. Plain, it is SIGTERM: with {@code
 * graceful-restart.enabled} peers that are helpers keep our routes for the restart time. {@code --for-good} sends
 * every peer a Hard Reset so that it drops them at once (a node taken out of service), as BIRD's {@code birdc down}.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the running daemon. With graceful-restart.enabled, peers keep its routes for the",
                "restart time unless --for-good is given."})
public final class StopCommand implements Callable<Integer> {
    @Option(names = "--for-good", description = "no Graceful Restart: every peer drops our routes at once")
    boolean forGood;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        JsonNode answer;
        try {
            answer = new AdminClient(admin.socketPath(), Duration.ofSeconds(10)).call(StopHandler.COMMAND,
                    Map.of("for_good", Boolean.toString(forGood)));
        } catch (AdminException e) {
            System.err.println("petrel stop: " + e.getMessage());
            return 1;
        }
        System.out.println(answer.path("graceful").asBoolean()
                ? "stopping: peers that are Graceful Restart helpers keep our routes for the restart time"
                : "stopping: every peer drops our routes");
        return 0;
    }
}
