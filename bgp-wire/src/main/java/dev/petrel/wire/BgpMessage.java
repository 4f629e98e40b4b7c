package dev.petrel.wire;

/** A decoded BGP message: one of the five types of RFC 4271 §4 and RFC 2918. */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
    MessageType type();
}
