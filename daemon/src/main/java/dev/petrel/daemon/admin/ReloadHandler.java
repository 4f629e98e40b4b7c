package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.daemon.reload.Reloader;
import java.io.IOException;

/**
 * {@code reload}: re-read the configuration file, validate it, plan, and apply unless {@code "dry_run": "true"}.
 * The answer is {@code {"status": applied|planned|invalid|refused|failed, "errors": [...], "warnings": [...],
 * "lines": [...], "plan": {...}}};
 * an invalid or refused file is an answer, not an error, so that the client can print every error.
 */
public final class ReloadHandler implements AdminHandler {
    public static final String COMMAND = "reload";

    private final Reloader reloader;

    public ReloadHandler(Reloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        boolean dryRun = request.path("dry_run").asText("false").equals("true");
        Reloader.Outcome o = reloader.reload(dryRun);
        response.writeStartObject();
        response.writeStringField("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        response.writeArrayFieldStart("errors");
        for (String e : o.errors()) {
            response.writeString(e);
        }
        response.writeEndArray();
        response.writeArrayFieldStart("warnings");
        for (String w : o.warnings()) {
            response.writeString(w);
        }
        response.writeEndArray();
        if (o.plan() != null) {
            response.writeArrayFieldStart("lines");
            for (String l : o.plan().lines()) {
                response.writeString(l);
            }
            response.writeEndArray();
            response.writeFieldName("plan");
            response.writeRawValue(o.plan().json());
        }
        response.writeEndObject();
    }
}
