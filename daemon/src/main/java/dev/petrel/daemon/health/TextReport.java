package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/** An endpoint's answer that is not JSON (the Prometheus text of {@code /metrics}): its media type and bytes. */
public interface TextReport extends HealthReport {
    String contentType();

    void writeTo(OutputStream out) throws IOException;

    /** Not used: {@link HealthHandler} writes a text report with {@link #writeTo}. */
    @Override
    default void write(JsonGenerator g) {
        throw new UnsupportedOperationException("a text report has no JSON form");
    }
}
