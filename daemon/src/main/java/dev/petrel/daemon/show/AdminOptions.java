package dev.petrel.daemon.show;

import dev.petrel.daemon.admin.AdminException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where to find the daemon: the options every {@code show} subcommand takes. */
public final class AdminOptions {
    @Option(names = "--socket", paramLabel = "PATH",
            description = "the daemon's admin socket (default: petrel.admin.socket from --config, else "
                    + "/run/petrel/petrel.sock)")
    Path socket;

    @Option(names = "--config", paramLabel = "FILE", description = "read the admin socket path from this HOCON file")
    Path config;

    public Path socketPath() throws AdminException {
        return SocketPathResolver.resolve(socket, config);
    }
}
