package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * {@code stop}: the daemon stops, as on SIGTERM, or for good with {@code "for_good": "true"} (no Graceful Restart:
 * every peer drops our routes at once). Answers {@code {"status": "stopping", "graceful": BOOL}}, where graceful
 * says whether peers that are helpers keep our routes. {@code stop} must not stop at once: the answer is written
 * after this returns, and stopping closes the admin socket with its connections.
 */
public final class StopHandler implements AdminHandler {
    public static final String COMMAND = "stop";

    private final boolean gracefulRestart;
    private final Consumer<Boolean> stop;

    /**
     * @param gracefulRestart {@code graceful-restart.enabled}: a plain stop is then graceful
     * @param stop told {@code true} to stop for good, {@code false} to stop as on SIGTERM
     */
    public StopHandler(boolean gracefulRestart, Consumer<Boolean> stop) {
        this.gracefulRestart = gracefulRestart;
        this.stop = stop;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        boolean forGood = request.path("for_good").asText("false").equals("true");
        response.writeStartObject();
        response.writeStringField("status", "stopping");
        response.writeBooleanField("graceful", gracefulRestart && !forGood);
        response.writeEndObject();
        stop.accept(forGood);
    }
}
