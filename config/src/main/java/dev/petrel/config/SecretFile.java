package dev.petrel.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from a file, as a Kubernetes Secret volume or a systemd credential provides it. Errors name the
 * file and what is wrong with it, never its content.
 */
final class SecretFile {
    /** Far above any key we read: a bigger file is a wrong path (a certificate bundle, a log), not a key. */
    private static final long MAX_BYTES = 64 * 1024;

    private SecretFile() {}

    /** The MD5 key in the file at {@code key}, or null (reported). */
    static Password password(Section s, String key) {
        String name = s.string(key);
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            s.error(key, "is empty; give the path of a file holding the key, or null for none");
            return null;
        }
        Path file = Path.of(name);
        String text = read(s, key, file);
        return text == null ? null : PeerReader.checked(s, key, text, file);
    }

    /** The file's text without one trailing newline (LF or CRLF), or null (reported at {@code key}). */
    static String read(Section s, String key, Path file) {
        if (!Files.exists(file)) {
            s.error(key, file + " does not exist" + (Files.isSymbolicLink(file) ? " (a dangling symbolic link)"
                    : ""));
            return null;
        }
        if (!Files.isRegularFile(file)) {
            s.error(key, file + " is not a regular file (a directory?); give the file holding the key");
            return null;
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                s.error(key, file + " is " + Files.size(file) + " bytes: not a key (at most "
                        + Password.MAX_OCTETS + " octets); is the path right?");
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            s.error(key, file + " cannot be read by this user (permission denied)");
            return null;
        } catch (IOException e) {
            s.error(key, file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            s.error(key, file + " is not UTF-8 text");
            return null;
        }
        return withoutNewline(text);
    }

    /** "key\n" and "key\r\n" as echo and editors write them are "key"; only one newline goes. */
    static String withoutNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
