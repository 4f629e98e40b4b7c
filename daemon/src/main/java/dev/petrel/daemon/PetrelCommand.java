package dev.petrel.daemon;

import dev.petrel.daemon.check.CheckCommand;
import dev.petrel.daemon.decode.DecodeCommand;
import dev.petrel.daemon.demo.DemoCommand;
import dev.petrel.daemon.peer.PeerCommand;
import dev.petrel.daemon.run.RunCommand;
import dev.petrel.daemon.run.StopCommand;
import dev.petrel.daemon.show.ShowCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code petrel} command: run the daemon, ask it questions, check configurations, decode captures, demo. */
@Command(name = "petrel", mixinStandardHelpOptions = true, versionProvider = PetrelCommand.Version.class,
        description = "Petrel, a BGP speaker for Kubernetes networking.",
        subcommands = {DemoCommand.class, RunCommand.class, StopCommand.class, CheckCommand.class, ShowCommand.class,
                PeerCommand.class,
                dev.petrel.daemon.reload.ReloadCommand.class, DecodeCommand.class, CommandLine.HelpCommand.class})
public final class PetrelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PetrelCommand()).execute(args));
    }

    /** This build's version, from the jar's manifest (the project version when run from classes). */
    public static String version() {
        String v = PetrelCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"petrel " + version()};
        }
    }
}
