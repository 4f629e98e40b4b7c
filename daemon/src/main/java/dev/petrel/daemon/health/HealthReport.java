package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The answer of one health endpoint: 200 when {@link #ok()}, 503 otherwise, with this JSON body. */
public interface HealthReport {
    boolean ok();

    /** Writes the body, one JSON object with snake_case fields. */
    void write(JsonGenerator g) throws IOException;
}
