package dev.petrel.daemon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node agent's status file as it is now: {@code {"node":..,"peers":{name:state},"kernel_routes":{prefix:"via
 * X"}}}, rewritten by the agent (atomically, by rename) on every change of a peer or a kernel route.
 *
 * @param peers each peer's session state by name ({@code "Established"})
 * @param kernelRoutes each prefix the node's kernel FIB holds from Petrel, with its next hops ({@code "via X"})
 */
record NodeStatus(Map<String, String> peers, Map<String, String> kernelRoutes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final NodeStatus NONE = new NodeStatus(Map.of(), Map.of());

    /** The file's content, or {@link #NONE} before the agent first wrote it. */
    static NodeStatus read(Path file) {
        if (!Files.exists(file)) {
            return NONE;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return new NodeStatus(map(root.path("peers")), map(root.path("kernel_routes")));
        } catch (IOException e) {
            return NONE;
        }
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> m = new TreeMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    boolean established(String peer) {
        return "Established".equals(peers.get(peer));
    }

    @Override
    public String toString() {
        return "peers " + peers + ", kernel routes " + kernelRoutes;
    }
}
