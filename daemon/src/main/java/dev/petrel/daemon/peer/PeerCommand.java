package dev.petrel.daemon.peer;

import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.PeerControlHandler;
import dev.petrel.daemon.show.AdminOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code petrel peer shutdown|start NAME}: take one session down with a message, or bring it back. */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = "Control one peer's session in the running daemon (over its admin socket).",
        subcommands = {PeerCommand.Shutdown.class, PeerCommand.Start.class, PeerCommand.SetPolicy.class})
public final class PeerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: `peer shutdown NAME` or "
                + "`peer start NAME`");
    }

    @Command(name = "shutdown", mixinStandardHelpOptions = true,
            description = {"Close the session with Cease/2 (Administrative Shutdown) and keep it down until",
                    "`peer start`. The message (RFC 9003, at most 128 octets sent) tells the peer's operator why."})
    static final class Shutdown implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the peer's configured name")
        String name;

        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "the shutdown communication")
        String message;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            return send(admin, PeerControlHandler.SHUTDOWN, message == null ? Map.of("peer", name)
                    : Map.of("peer", name, "message", message));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a session that `peer shutdown` stopped.")
    static final class Start implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the peer's configured name")
        String name;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            return send(admin, PeerControlHandler.START, Map.of("peer", name));
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = {"Change the peer's import and/or export policy (all, none or a policy name from the",
                    "configuration) without resetting its session; lasts until the daemon restarts."})
    static final class SetPolicy implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the peer's configured name")
        String name;

        @Option(names = "--import", paramLabel = "POLICY", description = "the new import policy")
        String importPolicy;

        @Option(names = "--export", paramLabel = "POLICY", description = "the new export policy")
        String exportPolicy;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            Map<String, String> args = new java.util.LinkedHashMap<>();
            args.put("peer", name);
            if (importPolicy != null) {
                args.put("import", importPolicy);
            }
            if (exportPolicy != null) {
                args.put("export", exportPolicy);
            }
            return send(admin, dev.petrel.daemon.admin.PeerPolicyHandler.COMMAND, args);
        }
    }

    static int send(AdminOptions admin, String command, Map<String, String> args) {
        try {
            System.out.println(new AdminClient(admin.socketPath()).call(command, args).path("result").asText());
            return 0;
        } catch (AdminException e) {
            System.err.println("petrel peer: " + e.getMessage());
            return 1;
        }
    }
}
