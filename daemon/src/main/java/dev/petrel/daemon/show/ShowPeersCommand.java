package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.PeerStatusJson;
import dev.petrel.daemon.admin.ShowPeersHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petrel show peers}: one row per peer, or the daemon's JSON. The table is drawn here, from the JSON,
 * so that a client and a daemon of different versions still work together.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = {"One row per configured peer: state, time in that state, prefixes and the last error.",
                "Exit status: 0, or 1 when the daemon cannot be reached or answers with an error."})
public final class ShowPeersCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "print the daemon's JSON answer, pretty-printed: {\"peers\": [...]}")
    boolean json;

    @Mixin
    AdminOptions admin;

    /** Only for an answer without "time" (an older daemon); otherwise the daemon's clock is the one that counts. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        try {
            JsonNode answer = new AdminClient(admin.socketPath()).call(ShowPeersHandler.COMMAND);
            if (json) {
                // As the daemon said it, not as this client understands it: --json is for scripts and bug reports.
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                PeerStatusJson.Peers peers = PeerStatusJson.readPeers(answer);
                Instant now = peers.time() != null ? peers.time() : clock.instant();
                System.out.print(PeersTable.render(peers.peers(), now));
            }
        } catch (AdminException e) {
            System.err.println("petrel show peers: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("petrel show peers: the daemon's answer does not parse: " + e.getMessage());
            return 1;
        }
        System.out.flush();
        return 0;
    }
}
