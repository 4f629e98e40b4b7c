package dev.petrel.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: an answer pretty-printed as {@code petrel show ... --json} prints it, compared with a file under
 * src/test/resources. On a difference the actual answer is written to target/golden/NAME, to diff or copy over.
 */
public final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {}

    /** What {@code handler} answers to {@code request} (a JSON object), as a tree. */
    public static JsonNode answer(AdminHandler handler, String request) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            handler.handle(MAPPER.readTree(request), g);
        }
        return MAPPER.readTree(out.toString());
    }

    public static String pretty(JsonNode json) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }

    /** Asserts that {@code json}, pretty-printed, is the resource {@code name} next to {@code owner}. */
    public static void assertGolden(Class<?> owner, String name, JsonNode json) throws IOException {
        String actual = pretty(json);
        String expected = read(owner, name);
        if (!actual.equals(expected)) {
            Path dump = target(owner).resolve("golden").resolve(name);
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual);
        }
        assertEquals(expected, actual, name + " differs; the answer is in target/golden/" + name);
    }

    /** The module's target directory: test classes are in target/test-classes. */
    private static Path target(Class<?> owner) {
        try {
            return Path.of(owner.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return in == null ? "(no resource " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
