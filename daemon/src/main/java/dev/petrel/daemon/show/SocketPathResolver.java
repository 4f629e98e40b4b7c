package dev.petrel.daemon.show;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.petrel.daemon.admin.AdminException;
import java.nio.file.Path;

/**
 * Where the admin socket is: {@code --socket}, else {@code petrel.admin.socket} in {@code --config}, else
 * {@link #DEFAULT}.
 *
 * <p>A stand-in: it reads that one key and nothing else, so that {@code show} needs no more of the
 * configuration than it uses. When the configuration module has its loader, this class asks it instead.
 */
public final class SocketPathResolver {
    public static final Path DEFAULT = Path.of("/run/petrel/petrel.sock");
    static final String KEY = "petrel.admin.socket";

    private SocketPathResolver() {}

    /**
     * @param socket the {@code --socket} option, or null
     * @param config the {@code --config} file, or null
     * @throws AdminException when the configuration file cannot be read or the key is not a string
     */
    public static Path resolve(Path socket, Path config) throws AdminException {
        if (socket != null) {
            return socket;
        }
        if (config == null) {
            return DEFAULT;
        }
        try {
            // Substitutions elsewhere in the file (${?ENV} and the like) are none of our business.
            Config c = ConfigFactory.parseFile(config.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
            return c.hasPath(KEY) ? Path.of(c.getString(KEY)) : DEFAULT;
        } catch (ConfigException e) {
            throw new AdminException("cannot read the admin socket path from " + config + ": " + e.getMessage(), e);
        }
    }
}
