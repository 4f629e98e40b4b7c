package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Asks the daemon one question over its admin socket; every failure is an {@link AdminException} to print. */
public final class AdminClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** An answer is one JSON document; this only stops a confused peer from filling our memory. */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path socket;
    private final Duration timeout;

    public AdminClient(Path socket) {
        this(socket, DEFAULT_TIMEOUT);
    }

    public AdminClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * Sends {@code {"command": command}} and returns the daemon's answer.
     *
     * @throws AdminException when the daemon cannot be reached, does not answer in time, answers with
     *     {@code {"error": ...}} or with something that is not a JSON object
     */
    public JsonNode call(String command) throws AdminException {
        return call(command, java.util.Map.of());
    }

    /** Sends {@code {"command": command, key: value...}} (string arguments) and returns the daemon's answer. */
    public JsonNode call(String command, java.util.Map<String, String> arguments) throws AdminException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(request)) {
            g.writeStartObject();
            g.writeStringField("command", command);
            for (java.util.Map.Entry<String, String> a : new java.util.TreeMap<>(arguments).entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        String answer = exchange(request.toString(StandardCharsets.UTF_8));
        if (answer.isEmpty()) {
            // The daemon closes unanswered when it already serves its maximum of clients.
            throw new AdminException("the daemon on " + socket + " closed the connection without answering");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(answer);
        } catch (IOException e) {
            throw new AdminException("the daemon on " + socket + " answered something that is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new AdminException("the daemon on " + socket + " answered something that is not a JSON object");
        }
        if (json.hasNonNull("error")) {
            throw new AdminException("the daemon says: " + json.get("error").asText());
        }
        return json;
    }

    /** Sends one request line (a newline is added) and returns the answer line as it came. */
    String exchange(String requestLine) throws AdminException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw connectFailure(socket, e);
        }
        try (ch; Deadline deadline = Deadline.after(timeout, ch)) {
            try {
                try {
                    Lines.write(ch, (requestLine + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException writeFailed) {
                    // A daemon at its client limit writes "busy" and closes at once, possibly before our request
                    // went out (EPIPE): its answer is still there to read, and says more than the broken pipe.
                    try {
                        return Lines.read(ch, MAX_ANSWER_BYTES);
                    } catch (IOException nothingToRead) {
                        throw writeFailed;
                    }
                }
                return Lines.read(ch, MAX_ANSWER_BYTES);
            } catch (IOException e) {
                if (deadline.expired()) {
                    throw new AdminException("the daemon on " + socket + " did not answer within " + timeoutText());
                }
                throw new AdminException("talking to the daemon on " + socket + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw e instanceof AdminException a ? a : new AdminException(e.getMessage(), e);
        }
    }

    private String timeoutText() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    /**
     * Turns a failed connect into what the operator should check. The JDK reports these as plain
     * {@code SocketException}s carrying strerror text, so the text is what there is to go by.
     */
    static AdminException connectFailure(Path socket, IOException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("Permission denied")) {
            return new AdminException("permission denied on " + socket
                    + " (the admin socket is mode 0660 in a 0750 directory: run as the daemon's user or group)", e);
        }
        // ENOENT: no file; ECONNREFUSED: a socket file nobody listens on, left by a daemon that died.
        if (e instanceof ConnectException || why.contains("No such file or directory")) {
            return new AdminException("no petrel daemon is listening on " + socket
                    + " (is `petrel run` started? is --socket right?)", e);
        }
        return new AdminException("cannot connect to " + socket + ": " + why, e);
    }
}
