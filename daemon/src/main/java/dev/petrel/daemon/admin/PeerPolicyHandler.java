package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * {@code peer-policy}: change a peer's import and/or export policy in the running daemon without resetting its
 * session (import is re-applied from the routes kept before policy; export is re-run and only the difference
 * is sent). Lasts until the daemon restarts; for good, change the configuration file.
 */
public final class PeerPolicyHandler implements AdminHandler {
    public static final String COMMAND = "peer-policy";

    /** Applies the change; throws IllegalArgumentException with the message to show for bad names. */
    @FunctionalInterface
    public interface Setter {
        String set(String peer, String importPolicy, String exportPolicy);
    }

    private final Setter setter;

    public PeerPolicyHandler(Setter setter) {
        this.setter = setter;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        String peer = request.path("peer").asText("");
        String in = request.hasNonNull("import") ? request.get("import").asText() : null;
        String out = request.hasNonNull("export") ? request.get("export").asText() : null;
        response.writeStartObject();
        if (peer.isEmpty()) {
            response.writeStringField("error", "which peer? (\"peer\" is missing)");
        } else if (in == null && out == null) {
            response.writeStringField("error", "nothing to change: give import, export or both");
        } else {
            try {
                response.writeStringField("result", setter.set(peer, in, out));
            } catch (IllegalArgumentException e) {
                response.writeStringField("error", e.getMessage());
            }
        }
        response.writeEndObject();
    }
}
