package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's admin socket: a Unix domain socket where {@code petrel show ...} asks one question per
 * connection (see the package documentation for the protocol).
 *
 * <p>Accepting runs on one platform daemon thread, each connection on its own virtual thread, so a slow client
 * never delays the BGP event loops; a deadline and a bound on the request size keep a stuck or hostile client
 * from holding a thread or memory, and at most {@link Limits#maxClients()} connections are served at once.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /**
     * @param maxRequestBytes longest request line accepted
     * @param timeout time a connection may take from accept to the last byte of the answer
     * @param maxClients connections served at once; more are closed unanswered
     */
    public record Limits(int maxRequestBytes, Duration timeout, int maxClients) {
        public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(5), 16);
    }

    private final Path socket;
    private final Map<String, AdminHandler> handlers;
    private final Limits limits;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final Semaphore slots;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminServer(Path socket, Map<String, AdminHandler> handlers, Limits limits, String group)
            throws IOException {
        this.socket = socket;
        this.handlers = Map.copyOf(handlers);
        this.limits = limits;
        this.slots = new Semaphore(limits.maxClients());
        SocketAccess access = SocketAccess.of(group);
        prepare(socket, access);
        server = access.bind(socket);
        try {
            fileKey = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        acceptor = Thread.ofPlatform().daemon().name("petrel-admin").start(this::acceptLoop);
        log.info("admin socket listening on {} ({})", socket, access);
    }

    /**
     * Binds {@code socket} and serves {@code handlers}, keyed by command name, until {@link #close()}.
     *
     * @throws AdminException when another daemon answers on {@code socket}, or the path is taken by something
     *     that is not a socket
     */
    public static AdminServer start(Path socket, Map<String, AdminHandler> handlers) throws IOException {
        return start(socket, handlers, Limits.DEFAULT);
    }

    public static AdminServer start(Path socket, Map<String, AdminHandler> handlers, Limits limits)
            throws IOException {
        return start(socket, handlers, limits, null);
    }

    /**
     * @param group null for a socket only the daemon's user may use (mode 0600); a group name (or number) for
     *     mode 0660 owned by that group ({@code admin.socket-group}), which the daemon's user must be in
     * @throws AdminException also when the group does not exist or cannot be given the socket
     */
    public static AdminServer start(Path socket, Map<String, AdminHandler> handlers, Limits limits, String group)
            throws IOException {
        return new AdminServer(socket.toAbsolutePath(), handlers, limits, group);
    }

    public Path socket() {
        return socket;
    }

    /** Creates the directory, or clears the way: a socket file left by a dead daemon goes, a live one stops us. */
    private static void prepare(Path socket, SocketAccess access) throws IOException {
        Path dir = socket.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            access.applyToDirectory(dir);
        }
        int mode;
        try {
            mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new AdminException(socket + " exists and is not a socket; not touching it");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            throw new AdminException("another petrel is running on " + socket);
        } catch (ConnectException refused) {
            // Nobody listens: the file outlived its daemon.
            log.info("removing stale admin socket {}", socket);
            Files.deleteIfExists(socket);
        } catch (AdminException e) {
            throw e;
        } catch (IOException e) {
            throw new AdminException("cannot check whether a petrel runs on " + socket + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                log.warn("admin socket {}: accept failed: {}", socket, e.toString());
                continue;
            }
            if (!slots.tryAcquire()) {
                log.warn("admin socket {}: {} clients already connected; refusing one", socket, limits.maxClients());
                refuse(ch);
                continue;
            }
            open.add(ch);
            Thread.ofVirtual().name("petrel-admin-client").start(() -> {
                try {
                    serve(ch);
                } finally {
                    open.remove(ch);
                    closeQuietly(ch);
                    slots.release();
                }
            });
        }
    }

    /** Says why, if it can without waiting: this runs on the accepting thread, which must never block. */
    private void refuse(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap(error("busy: " + limits.maxClients() + " admin clients connected")));
        } catch (IOException ignored) {
            // The client sees the connection closed unanswered.
        }
        closeQuietly(ch);
    }

    private void serve(SocketChannel ch) {
        try (Deadline deadline = Deadline.after(limits.timeout(), ch)) {
            try {
                byte[] answer;
                try {
                    answer = answer(Lines.read(ch, limits.maxRequestBytes()));
                } catch (Lines.TooLong e) {
                    answer = error("request " + e.getMessage());
                }
                Lines.write(ch, answer);
            } catch (IOException e) {
                if (deadline.expired()) {
                    log.debug("admin client on {} took longer than {}", socket, limits.timeout());
                } else if (!closed) {
                    log.debug("admin client on {}: {}", socket, e.toString());
                }
            }
        }
    }

    /** The whole answer, newline included, built before the first byte goes out so an error can replace it. */
    byte[] answer(String line) {
        JsonNode request;
        try {
            request = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return error("bad request: not JSON");
        }
        JsonNode command = request == null ? null : request.get("command");
        if (command == null || !command.isTextual()) {
            return error("bad request: expected {\"command\": NAME}");
        }
        AdminHandler handler = handlers.get(command.asText());
        if (handler == null) {
            return error("unknown command " + shorten(command.asText()));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                handler.handle(request, g);
            }
            out.write('\n');
            return out.toByteArray();
        } catch (AdminException e) {
            // The handler refused the request with words for the operator ("no peer named x"): not our failure.
            log.debug("admin command {}: {}", command.asText(), e.getMessage());
            return error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("admin command {} failed", command.asText(), e);
            return error(command.asText() + " failed: " + e);
        }
    }

    private static byte[] error(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** A client's own words go back to it, but not 64 KiB of them. */
    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** Stops accepting, drops connections in flight and removes the socket file, if it is still ours. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        open.forEach(AdminServer::closeQuietly);
        try {
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            // Someone may have replaced the file (a second daemon after ours was declared dead): leave theirs.
            if (Objects.equals(key, fileKey)) {
                Files.deleteIfExists(socket);
            }
        } catch (NoSuchFileException gone) {
            // Already removed, by an operator or a successor.
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing left to tell the client.
        }
    }
}
