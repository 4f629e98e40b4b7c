package dev.petrel.daemon.show;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code petrel show}: asks the running daemon, over its admin socket. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show the running daemon's state (asked over its admin socket).",
        subcommands = {ShowStatusCommand.class, ShowPeersCommand.class, ShowRoutesCommand.class, ShowRibCommand.In.class,
                ShowRibCommand.Out.class, ShowFibCommand.class})
public final class ShowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "what to show is required, e.g. `show peers` or `show routes`");
    }
}
