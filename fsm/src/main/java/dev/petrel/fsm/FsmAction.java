package dev.petrel.fsm;

import dev.petrel.wire.Notification;
import java.time.Duration;

/**
 * What a transition asks the transport to do, in order. The state machine only decides; the session driver
 * performs the actions on the connection's event loop.
 */
public sealed interface FsmAction {
    /** Open a TCP connection to the peer (RFC 4271 "initiates a TCP connection"). */
    record InitiateConnection() implements FsmAction {}

    /** Close the TCP connection, after flushing anything queued just before (a NOTIFICATION). */
    record DropConnection() implements FsmAction {}

    /** Send our OPEN. */
    record SendOpen() implements FsmAction {}

    /** Send a KEEPALIVE. */
    record SendKeepalive() implements FsmAction {}

    /** Send this NOTIFICATION (the driver turns it into a Hard Reset when RFC 8538 says so). */
    record SendNotification(Notification notification) implements FsmAction {}

    /** Start, or restart, a timer. */
    record StartTimer(Timer timer, Duration duration) implements FsmAction {}

    /** Stop a timer; a no-op when it is not running. */
    record StopTimer(Timer timer) implements FsmAction {}

    /** The session reached Established with this negotiation: routes may flow. */
    record SessionUp(Negotiated negotiated) implements FsmAction {}

    /**
     * The session left Established (or a connection in a later state failed): release its resources and, when
     * it was Established, withdraw the routes learned on it (RFC 4271 "deletes all routes").
     */
    record ReleaseResources() implements FsmAction {}

    InitiateConnection INITIATE_CONNECTION = new InitiateConnection();
    DropConnection DROP_CONNECTION = new DropConnection();
    SendOpen SEND_OPEN = new SendOpen();
    SendKeepalive SEND_KEEPALIVE = new SendKeepalive();
    ReleaseResources RELEASE_RESOURCES = new ReleaseResources();
}
