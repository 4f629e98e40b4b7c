package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Answers one admin command. Runs on the connection's own thread, never on a BGP event loop: it must read only
 * snapshots (immutable values handed over by the speaker), never live session state.
 */
@FunctionalInterface
public interface AdminHandler {
    /**
     * Writes the answer, exactly one JSON value, to {@code response}. An exception becomes an
     * {@code {"error": ...}} answer.
     *
     * @param request the request object as the client sent it, {@code "command"} included
     */
    void handle(JsonNode request, JsonGenerator response) throws IOException;
}
