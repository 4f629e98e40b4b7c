package dev.petrel.daemon;

import dev.petrel.daemon.check.CheckCommand;
import dev.petrel.daemon.decode.DecodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code petrel} command. Today it decodes captures and checks configurations; the session issue adds {@code run}... */
@Command(name = "petrel", mixinStandardHelpOptions = true, versionProvider = PetrelCommand.Version.class,
        description = "Petrel, a BGP speaker for Kubernetes networking.",
        subcommands = {DecodeCommand.class, CheckCommand.class, dev.petrel.daemon.run.RunCommand.class, dev.petrel.daemon.show.ShowCommand.class,
                CommandLine.HelpCommand.class})
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PetrelCommand.class.getPackage().getImplementationVersion();
            return new String[] {"petrel " + (v != null ? v : "0.1.0-SNAPSHOT")};
        }
    }
}
