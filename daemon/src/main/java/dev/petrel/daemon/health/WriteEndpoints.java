package dev.petrel.daemon.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.AdminHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * The mutating HTTP endpoints, each the admin socket's command of the same meaning, so that both answer the same
 * JSON: {@code POST /reload} ({@code ?dry-run=true} plans without applying) is {@code petrel reload};
 * {@code POST /peers/NAME/shutdown} (the RFC 9003 message as the body, plain text, or {@code ?message=}) and
 * {@code POST /peers/NAME/start} are {@code petrel peer NAME shutdown|start}. The status code tells the outcome
 * without reading the body: 200 done (or planned), 404 no such peer, 422 an invalid configuration file, 409 a
 * reload refused, 500 a reload that failed.
 */
public final class WriteEndpoints {
    public static final String RELOAD = "/reload";
    static final String PEERS = "/peers/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request's work, run off the event loop. */
    interface Action {
        Answer run(QueryStringDecoder query, String body);
    }

    /** A status and the JSON body. */
    record Answer(HttpResponseStatus status, String json) {}

    private final AdminHandler reload;
    private final AdminHandler shutdown;
    private final AdminHandler start;

    /** The admin socket's handlers of {@code reload}, {@code peer-shutdown} and {@code peer-start}. */
    public WriteEndpoints(AdminHandler reload, AdminHandler shutdown, AdminHandler start) {
        this.reload = reload;
        this.shutdown = shutdown;
        this.start = start;
    }

    /** The paths, for a 404's hint. */
    static List<String> paths() {
        return List.of(RELOAD, PEERS + "NAME/shutdown", PEERS + "NAME/start");
    }

    /** The action at {@code path}, or null when no mutating endpoint is there. */
    Action find(String path) {
        if (path.equals(RELOAD)) {
            return (q, body) -> {
                ObjectNode req = MAPPER.createObjectNode().put("command", "reload")
                        .put("dry_run", String.valueOf(param(q, "dry-run").equals("true")));
                String json = call(reload, req);
                HttpResponseStatus status = switch (field(json, "status")) {
                    case "applied", "planned" -> HttpResponseStatus.OK;
                    case "invalid" -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
                    case "refused" -> HttpResponseStatus.CONFLICT;
                    default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
                };
                return new Answer(status, json);
            };
        }
        if (!path.startsWith(PEERS)) {
            return null;
        }
        String rest = path.substring(PEERS.length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        // The name as the configuration writes it; QueryStringDecoder has decoded %XX already.
        String name = rest.substring(0, slash);
        String verb = rest.substring(slash + 1);
        AdminHandler handler = verb.equals("shutdown") ? shutdown : verb.equals("start") ? start : null;
        if (handler == null || name.contains("/")) {
            return null;
        }
        return (q, body) -> {
            ObjectNode req = MAPPER.createObjectNode().put("command", "peer-" + verb).put("peer", name);
            String message = param(q, "message");
            if (message.isEmpty()) {
                message = body.strip();
            }
            if (!message.isEmpty()) {
                req.put("message", message);
            }
            String json = call(handler, req);
            return new Answer(field(json, "error").isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                    json);
        };
    }

    private static String param(QueryStringDecoder q, String key) {
        List<String> v = q.parameters().get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Runs an admin handler as the socket does: an {@link AdminException} is the operator's error message. */
    private static String call(AdminHandler handler, JsonNode request) {
        StringWriter out = new StringWriter();
        try (var g = MAPPER.createGenerator(out)) {
            handler.handle(request, g);
        } catch (AdminException e) {
            return MAPPER.createObjectNode().put("error", e.getMessage()).toString();
        } catch (IOException e) {
            throw new IllegalStateException("writing the answer to memory", e);
        }
        return out.toString();
    }

    private static String field(String json, String key) {
        try {
            return MAPPER.readTree(json).path(key).asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
