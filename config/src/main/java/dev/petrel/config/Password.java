package dev.petrel.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A TCP MD5 signature key (RFC 2385). Its {@code toString} hides the key, so a peer's configuration can be
 * printed or logged whole; only {@link #value()} reveals it, for the socket option.
 *
 * <p>Two passwords are equal when their keys are: where the key came from ({@link #file()}) does not change the
 * session, so moving a key from the file to a Secret file is no change to a peer.
 *
 * @param value the key, 1..{@value #MAX_OCTETS} octets of UTF-8
 * @param file the file it was read from ({@code password-file}), or null when written in the configuration;
 *     the file to watch for a changed key
 */
public record Password(String value, Path file) {
    /** TCP_MD5SIG_MAXKEYLEN in Linux's tcp.h. */
    public static final int MAX_OCTETS = 80;

    public Password {
        Objects.requireNonNull(value, "value");
    }

    public Password(String value) {
        this(value, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return file == null ? "<hidden>" : "<hidden, from " + file + ">";
    }
}
