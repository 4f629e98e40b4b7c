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
     * Writes the answer, exactly one JSON value, to {@code response}. Whatever was written is dropped when it
     * throws: an {@link AdminException} becomes {@code {"error": MESSAGE}}, its message written for the operator
     * ("no peer named x"), any other exception {@code {"error": "COMMAND failed: ..."}} and a warning in the log.
     *
     * @param request the request object as the client sent it, {@code "command"} included
     */
    void handle(JsonNode request, JsonGenerator response) throws IOException;
}
