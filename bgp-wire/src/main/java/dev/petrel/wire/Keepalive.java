package dev.petrel.wire;

/** KEEPALIVE (RFC 4271 §4.4): a header alone. */
public record Keepalive() implements BgpMessage {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
