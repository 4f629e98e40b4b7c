package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.wire.Notification;
import java.io.IOException;
import java.util.function.Function;

/**
 * {@code peer-shutdown} and {@code peer-start}: an operator takes a session down, with an RFC 9003 message sent in
 * the Cease/2 (Administrative Shutdown), and brings it back (ManualStop and ManualStart, RFC 4271 events 2 and
 * 1). A stopped session stays Idle, refusing the peer's connections, until it is started again; this lasts until
 * the daemon restarts (for good, set {@code shutdown = true} in the configuration).
 */
public final class PeerControlHandler implements AdminHandler {
    public static final String SHUTDOWN = "peer-shutdown";
    public static final String START = "peer-start";

    private final boolean shutdown;
    private final Function<String, PeerSession> sessions;

    /** @param sessions the session of a peer by name, or null when there is no such peer */
    public PeerControlHandler(boolean shutdown, Function<String, PeerSession> sessions) {
        this.shutdown = shutdown;
        this.sessions = sessions;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        String name = request.path("peer").asText("");
        PeerSession s = name.isEmpty() ? null : sessions.apply(name);
        response.writeStartObject();
        if (s == null) {
            response.writeStringField("error", name.isEmpty() ? "which peer? (\"peer\" is missing)"
                    : "no peer named " + name);
            response.writeEndObject();
            return;
        }
        if (shutdown) {
            String message = request.path("message").asText("");
            s.stop(message.isEmpty() ? new Notification(Notification.CEASE, Notification.CEASE_ADMIN_SHUTDOWN)
                    : Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, message));
            response.writeStringField("result", "peer " + name + ": shutting down"
                    + (message.isEmpty() ? "" : " with message \"" + message + "\""));
        } else {
            s.manualStart();
            response.writeStringField("result", "peer " + name + ": starting");
        }
        response.writeEndObject();
    }
}
