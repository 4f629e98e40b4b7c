package dev.petrel.config;

/**
 * A TCP MD5 signature key (RFC 2385). Its {@code toString} hides the key, so a peer's configuration can be
 * printed or logged whole; only {@link #value()} reveals it, for the socket option.
 */
public record Password(String value) {
    /** TCP_MD5SIG_MAXKEYLEN in Linux's tcp.h. */
    public static final int MAX_OCTETS = 80;

    @Override
    public String toString() {
        return "<hidden>";
    }
}
