package dev.petrel.fsm.session;

import dev.petrel.fsm.Collision;
import dev.petrel.fsm.FsmAction;
import dev.petrel.fsm.FsmEvent;
import dev.petrel.fsm.FsmState;
import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.OpenCheck;
import dev.petrel.fsm.SessionFsm;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.Timer;
import dev.petrel.fsm.Transition;
import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.fsm.transport.BgpPipeline;
import dev.petrel.wire.netty.BgpMessageEncoder;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured peer: its state machines (one per connection, at most two at a time while a collision is being
 * resolved), its timers and counters, all owned by one event loop. Everything that changes state runs on that
 * loop; the public methods post to it and may be called from any thread.
 *
 * <p>Connections: the <em>primary</em> state machine is the peer's: it starts, connects, backs off and restarts.
 * A connection the peer opens while the primary is in Connect or Active (before its own TCP connection is up)
 * is taken by the primary (RFC 4271 §8.2.2, event 17). One that arrives while the primary is in OpenSent or
 * OpenConfirm gets its own state machine, the <em>secondary</em>; when an OPEN makes the peer's identifier known
 * on one of them, collision detection (RFC 4271 §6.8) keeps one and sends Cease/7 on the other. A connection
 * that arrives while the session is Established is refused with Cease/7, unless the peer negotiated Graceful
 * Restart for at least one family: then the new connection runs as the secondary, and once a valid OPEN arrives
 * on it RFC 4724 §4.2 says the old session is dead and the new one replaces it (a helper-only peer's late
 * connection is a collision, not a restart).
 */
public final class PeerSession {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);
    /** How long a dropped connection waits for its NOTIFICATION to be written before it is closed anyway. */
    static final long NOTIFICATION_WAIT_SECONDS = 3;

    /** Replaced only by {@link #reconfigure}; a connection reads it when it sends or checks an OPEN. */
    private volatile SessionSettings settings;
    private final EventLoop loop;
    private final Connector connector;
    private final SessionListener listener;
    private volatile Open localOpen;
    private final SessionStats stats = new SessionStats();
    private Connection primary;
    private Connection secondary;
    private boolean closed;
    /** Why the OPEN being refused is refused, while its NOTIFICATION is sent. */
    private String refusalReason;

    // Published for readers on other threads.
    private volatile SessionState state = SessionState.IDLE;
    private volatile Instant lastStateChange = Instant.now();
    private volatile Instant establishedSince;
    private volatile Negotiated negotiated;
    /** Started (automatically or by an operator) and not stopped since: readiness ignores a peer meant to be down. */
    private volatile boolean adminUp;
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    /** The last NOTIFICATION sent or received, or a local error; {@code direction} is sent, received or local. */
    public record LastError(String direction, Notification notification, String text, Instant at) {}

    /** The Established connection's channel (volatile: the RIB thread reads it). */
    private volatile Channel established;

    public PeerSession(SessionSettings settings, EventLoop loop, Connector connector, SessionListener listener) {
        this.settings = settings;
        this.loop = loop;
        this.connector = connector;
        this.listener = listener == null ? new SessionListener() {} : listener;
        this.localOpen = LocalOpen.build(settings);
        this.primary = newConnection(FsmState.INITIAL, Direction.OUTGOING);
    }

    // ---- Public API (any thread) ------------------------------------------------------------------------------

    public String name() {
        return settings.name();
    }

    public SessionSettings settings() {
        return settings;
    }

    public SessionState state() {
        return state;
    }

    public Instant lastStateChange() {
        return lastStateChange;
    }

    public Instant establishedSince() {
        return establishedSince;
    }

    /** The negotiation of the current session, or null when no OPEN has been accepted on it. */
    public Negotiated negotiated() {
        return negotiated;
    }

    public LastError lastError() {
        return lastError.get();
    }

    public SessionStats stats() {
        return stats;
    }

    /**
     * Whether the session is meant to run: {@link #start()} or {@link #manualStart()} was called and neither
     * {@link #stop} nor {@link #close} since. A peer configured {@code shutdown}, or taken down by an operator, is
     * not: health checks do not wait for it.
     */
    public boolean adminUp() {
        return adminUp;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** The OPEN we send to this peer. */
    public Open localOpen() {
        return localOpen;
    }

    /**
     * Replaces the settings (a configuration reload changed timers): a running connection keeps what it
     * negotiated, since BGP has no message to change a Hold Time in a session; the next OPEN and the FSM's next
     * timers use the new values. The name must stay; anything the OPEN check of the running session depends on
     * (AS, identifier, families) is a reset, not this.
     */
    public void reconfigure(SessionSettings next) {
        if (!next.name().equals(settings.name())) {
            throw new IllegalArgumentException("a session keeps its name: " + settings.name() + " != " + next.name());
        }
        // Volatile writes, visible to the loop's next read; the OPEN first, so that no OPEN is built from the old
        // settings once settings() shows the new ones.
        localOpen = LocalOpen.build(next);
        settings = next;
    }

    /** Start the session (event 3, AutomaticStart). */
    public void start() {
        adminUp = true;
        post(() -> {
            if (!closed) {
                fire(primary, new FsmEvent.AutomaticStart());
            }
        });
    }

    /** Start a session an operator stopped (event 1, ManualStart). */
    public void manualStart() {
        adminUp = true;
        post(() -> {
            if (!closed) {
                fire(primary, new FsmEvent.ManualStart());
            }
        });
    }

    /**
     * Stop the session (event 2, ManualStop) with this Cease, normally {@link Notification#shutdown} with an
     * RFC 9003 message; it stays Idle until {@link #manualStart()}.
     */
    public void stop(Notification cease) {
        adminUp = false;
        post(() -> {
            if (secondary != null) {
                fire(secondary, new FsmEvent.ManualStop(cease));
            }
            fire(primary, new FsmEvent.ManualStop(cease));
        });
    }

    /**
     * End the session because of a local condition (event 8, AutomaticStop), e.g. a route limit: {@code cease} is
     * sent, and the session starts again on its own after the IdleHold time, backing off if it keeps happening.
     */
    public void automaticStop(Notification cease) {
        post(() -> {
            if (secondary != null) {
                fire(secondary, new FsmEvent.AutomaticStop(cease));
            }
            fire(primary, new FsmEvent.AutomaticStop(cease));
        });
    }

    /** Close every connection and timer for good (the peer was removed or the daemon stops). */
    public java.util.concurrent.Future<?> close(Notification cease) {
        adminUp = false;
        return submit(() -> {
            if (secondary != null) {
                fire(secondary, new FsmEvent.ManualStop(cease));
            }
            fire(primary, new FsmEvent.ManualStop(cease));
            primary.timers.close();
            closed = true;
        });
    }

    /**
     * Close for good because this speaker stops and will be back (RFC 4724 restarting speaker): where the peer keeps
     * our routes ({@link Negotiated#peerKeepsOurRoutes}), the session ends in a way that does not make it drop them:
     * {@code cease} as is, without a Hard Reset, when both set the N bit (RFC 8538 §4), else no NOTIFICATION at
     * all, only the TCP close (RFC 4724 §4). Elsewhere this is {@link #close}.
     */
    public java.util.concurrent.Future<?> closeForRestart(Notification cease) {
        adminUp = false;
        return submit(() -> {
            if (primary.negotiated != null && primary.negotiated.peerKeepsOurRoutes()) {
                primary.closingForRestart = true;
            }
            if (secondary != null) {
                fire(secondary, new FsmEvent.ManualStop(cease));
            }
            fire(primary, new FsmEvent.ManualStop(cease));
            primary.timers.close();
            closed = true;
        });
    }

    /** Resume reading after {@link SessionListener#message} returned false. */
    public void resumeReading() {
        post(() -> {
            for (Connection c : new Connection[] {primary, secondary}) {
                if (c != null && c.channel != null) {
                    c.consumerPaused = false;
                    c.channel.config().setAutoRead(true);
                }
            }
        });
    }

    // ---- Routes out (any thread: the RIB writes here) ---------------------------------------------------------

    /**
     * The Established connection's channel, for the RIB's output: UPDATEs are encoded by the RIB (once per update
     * group) and written as bytes, past the message encoder. Null when not Established.
     */
    public Channel establishedChannel() {
        return established;
    }

    /**
     * Writes {@code messages} encoded UPDATEs to {@code channel} if it is still this peer's Established
     * connection, and flushes; releases {@code buf} otherwise. Safe from any thread.
     */
    public void writeUpdates(Channel channel, io.netty.buffer.ByteBuf buf, int messages, int prefixes) {
        if (writeEncoded(channel, buf)) {
            post(() -> {
                stats.messagesSent += messages;
                stats.updatesSent += messages;
                stats.prefixesSent += prefixes;
            });
        }
    }

    /** Writes one encoded ROUTE-REFRESH (an RFC 7313 BoRR or EoRR marker) as {@link #writeUpdates} does. */
    public void writeRouteRefresh(Channel channel, io.netty.buffer.ByteBuf buf) {
        if (writeEncoded(channel, buf)) {
            post(() -> {
                stats.messagesSent++;
                stats.routeRefreshesSent++;
            });
        }
    }

    /** Writes and flushes {@code buf} if {@code channel} is still the Established one; else releases it. */
    private boolean writeEncoded(Channel channel, io.netty.buffer.ByteBuf buf) {
        if (channel == null || channel != established) {
            buf.release();
            return false;
        }
        channel.writeAndFlush(buf, channel.voidPromise());
        return true;
    }

    /**
     * The channel initializer for a connection the peer opened to us, for the listener to install. Accepting
     * allocates only this handler; the decision to keep or refuse the connection is made on the peer's loop.
     */
    public ChannelHandler incoming() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                Connection c = newConnection(null, Direction.INCOMING);
                installPipeline(ch, c);
            }
        };
    }

    // ---- Events from the channel handlers (peer loop) ---------------------------------------------------------

    /** Run on the peer's loop; the future completes when it has run (at once on a loop that is shut down). */
    private java.util.concurrent.Future<?> submit(Runnable r) {
        try {
            return loop.submit(r);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    void post(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            try {
                loop.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // the event loop is shutting down with the daemon: nothing is left to update
            }
        }
    }

    void onConnected(ConnectionHandler h, Channel ch) {
        Connection c = h.connection;
        if (c.direction == Direction.OUTGOING) {
            if (c.channel != ch) {
                ch.close(); // an attempt this state machine gave up on
                return;
            }
            fire(c, new FsmEvent.TcpCrAcked());
            return;
        }
        acceptIncoming(h, ch);
    }

    void onMessage(ConnectionHandler h, Channel ch, DecodeResult r, String malformedLog) {
        Connection c = h.connection;
        if (h.pending.decrementAndGet() == ConnectionHandler.PENDING_LOW && c.channel == ch && !c.consumerPaused) {
            ch.config().setAutoRead(true);
        }
        if (c.channel != ch) {
            return; // from a connection already dropped
        }
        stats.messagesReceived++;
        BgpMessage m = r.message();
        if (r.isReset()) {
            Notification n = r.notification();
            LOG.warn("peer {}: {} (sending NOTIFICATION {}/{})", name(), r.strongest(), n.code(), n.subcode());
            fire(c, switch (n.code()) {
                case Notification.MESSAGE_HEADER_ERROR -> new FsmEvent.BgpHeaderErr(n);
                case Notification.OPEN_MESSAGE_ERROR -> new FsmEvent.BgpOpenMsgErr(n);
                default -> new FsmEvent.UpdateMsgErr(n);
            });
            return;
        }
        switch (m) {
            case Open open -> {
                stats.opensReceived++;
                onOpen(c, open);
            }
            case Keepalive k -> {
                stats.keepalivesReceived++;
                fire(c, FsmEvent.KEEPALIVE_MSG);
            }
            case Notification n -> onNotification(c, n);
            case Update u -> onUpdate(c, r, u, malformedLog);
            case RouteRefresh rr -> {
                stats.routeRefreshesReceived++;
                if (c.state.state() == SessionState.ESTABLISHED && !listener.message(this, r)) {
                    c.consumerPaused = true;
                    ch.config().setAutoRead(false);
                }
                fire(c, FsmEvent.UPDATE_MSG);
            }
        }
    }

    void onClosed(ConnectionHandler h, Channel ch, String why) {
        Connection c = h.connection;
        if (c.channel != ch) {
            return;
        }
        if (c.state.state() != SessionState.IDLE) {
            recordError("local", null, why);
        }
        fire(c, new FsmEvent.TcpConnectionFails(why));
    }

    void onWritability(ConnectionHandler h, Channel ch, boolean writable) {
        Connection c = h.connection;
        if (c.channel != ch) {
            return;
        }
        if (c.established) {
            listener.writabilityChanged(this, writable);
        }
        if (c.negotiated == null || c.negotiated.holdTimeSeconds() == 0) {
            return;
        }
        // RFC 9687: the send hold timer runs while what we have queued cannot be sent.
        if (writable) {
            c.timers.stop(Timer.SEND_HOLD);
        } else if (!c.timers.isRunning(Timer.SEND_HOLD)) {
            c.timers.start(Timer.SEND_HOLD, settings.sendHoldFor(c.negotiated.holdTimeSeconds()));
        }
    }

    // ---- Message handling -------------------------------------------------------------------------------------

    private void onOpen(Connection c, Open open) {
        FsmState s = c.state;
        boolean expected = s.state() == SessionState.OPEN_SENT
                || (s.delayOpenRunning() && (s.state() == SessionState.CONNECT || s.state() == SessionState.ACTIVE));
        if (!expected) {
            fire(c, new FsmEvent.BgpOpen(null)); // the state machine answers with the RFC 6608 FSM error
            return;
        }
        OpenCheck.Outcome outcome = OpenCheck.check(settings.policy(), localOpen, open);
        if (outcome instanceof OpenCheck.Refused refused) {
            LOG.warn("peer {}: OPEN refused: {}", name(), refused.reason());
            // the reason says more than the subcode's name; notify() records it with the NOTIFICATION
            refusalReason = refused.reason();
            fire(c, new FsmEvent.BgpOpenMsgErr(refused.notification()));
            refusalReason = null;
            return;
        }
        Negotiated n = ((OpenCheck.Accepted) outcome).negotiated();
        c.negotiated = n;
        Connection other = c == primary ? secondary : primary;
        if (other != null && other.channel != null && other.state.state() != SessionState.IDLE) {
            SessionState os = other.state.state();
            if (os == SessionState.ESTABLISHED) {
                if (c == secondary && restartsGracefully(other.negotiated)) {
                    LOG.info("peer {}: valid OPEN on a new connection while Established: the peer restarted "
                            + "(RFC 4724 §4.2); the old session ends", name());
                    fire(other, new FsmEvent.TcpConnectionFails("the peer restarted (graceful restart)"));
                    // the old state machine went Idle and the new connection became the peer's (afterTransition)
                } else {
                    LOG.info("peer {}: OPEN on a second connection while Established: closing the new one",
                            name());
                    fire(c, new FsmEvent.OpenCollisionDump());
                    return;
                }
            }
            if (os == SessionState.OPEN_SENT || os == SessionState.OPEN_CONFIRM) {
                Collision.Keep keep = Collision.resolve(settings.policy().routerId(), settings.policy().localAs(),
                        n.peerRouterId(), n.peerAs());
                Direction kept = keep == Collision.Keep.OUTGOING ? Direction.OUTGOING : Direction.INCOMING;
                LOG.info("peer {}: connection collision: keeping the {} connection (RFC 4271 §6.8)", name(),
                        kept.name().toLowerCase());
                if (c.direction != kept) {
                    fire(c, new FsmEvent.OpenCollisionDump());
                    return;
                }
                fire(other, new FsmEvent.OpenCollisionDump());
            }
        }
        applyContext(c, n.context());
        fire(c, new FsmEvent.BgpOpen(n));
    }

    private void onNotification(Connection c, Notification n) {
        stats.notificationsReceived++;
        LOG.warn("peer {}: NOTIFICATION received: {}", name(), NotificationText.describe(n));
        if (!n.isCollisionResolution()) {
            recordError("received", n, NotificationText.names(n));
        }
        fire(c, n.code() == Notification.OPEN_MESSAGE_ERROR && n.subcode() == 1
                ? new FsmEvent.NotifMsgVerErr(n) : new FsmEvent.NotifMsg(n));
    }

    private void onUpdate(Connection c, DecodeResult r, Update u, String malformedLog) {
        if (c.state.state() == SessionState.ESTABLISHED) {
            stats.updatesReceived++;
            if (r.action().compareTo(dev.petrel.wire.ErrorAction.TREAT_AS_WITHDRAW) < 0) {
                // routes of a treat-as-withdraw UPDATE are withdrawals, not received prefixes
                long prefixes = 0;
                for (PrefixList l : u.reachable()) {
                    prefixes += l.size();
                }
                stats.prefixesReceived += prefixes;
            }
            if (!r.problems().isEmpty()) {
                stats.malformedUpdates++;
                long count = stats.malformedUpdates;
                // RFC 7606 §6 wants a log line; a peer must not be able to fill the disk with them.
                if (count <= 10 || count % 1000 == 0) {
                    LOG.warn("peer {}: {} [malformed UPDATE #{} from this peer]", name(), malformedLog, count);
                }
            }
            if (!listener.message(this, r)) {
                c.consumerPaused = true;
                c.channel.config().setAutoRead(false);
            }
        }
        fire(c, FsmEvent.UPDATE_MSG);
    }

    // ---- Incoming connections ---------------------------------------------------------------------------------

    private void acceptIncoming(ConnectionHandler h, Channel ch) {
        Connection fresh = h.connection;
        if (closed) {
            ch.close();
            return;
        }
        SessionState ps = primary.state.state();
        switch (ps) {
            case IDLE -> {
                LOG.info("peer {}: connection from {} refused: session is Idle", name(), ch.remoteAddress());
                ch.close();
            }
            case CONNECT, ACTIVE -> {
                if (primary.channel != null) {
                    // Our own attempt is in flight (or up, delaying its OPEN). Killing it for the peer's would
                    // race with the peer doing the same to ours; run both and let collision detection choose.
                    takeAsSecondary(fresh, ch);
                    return;
                }
                adopt(primary, h, ch);
                fire(primary, new FsmEvent.TcpConnectionConfirmed());
            }
            case OPEN_SENT, OPEN_CONFIRM -> takeAsSecondary(fresh, ch);
            case ESTABLISHED -> {
                if (restartsGracefully(primary.negotiated)) {
                    // Maybe the peer restarted (RFC 4724 §4.2); that is decided when a valid OPEN arrives on this
                    // connection, not by a bare TCP connection from its address.
                    takeAsSecondary(fresh, ch);
                    return;
                }
                LOG.info("peer {}: connection from {} refused: session is Established (RFC 4271 §6.8)", name(),
                        ch.remoteAddress());
                stats.messagesSent++;
                stats.notificationsSent++;
                ch.writeAndFlush(new Notification(Notification.CEASE, Notification.CEASE_COLLISION_RESOLUTION))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /**
     * RFC 4724 §4.2: a peer that preserves forwarding state for some family (its Graceful Restart capability lists
     * families) and opens a new session while ours is Established has restarted. A helper-only peer (no families:
     * BIRD's and FRR's default) preserves nothing, so its late connection is its side of a collision.
     */
    private static boolean restartsGracefully(Negotiated n) {
        return n != null && n.peerRestartsGracefully();
    }

    private void takeAsSecondary(Connection fresh, Channel ch) {
        if (secondary != null) {
            LOG.info("peer {}: connection from {} refused: two connections already", name(), ch.remoteAddress());
            ch.close();
            return;
        }
        secondary = fresh;
        fresh.channel = ch;
        fresh.state = new FsmState(SessionState.ACTIVE, 0, false, primary.state.failures(), false, null);
        fire(fresh, new FsmEvent.TcpConnectionConfirmed());
    }

    /** Move the freshly accepted channel onto an existing state machine. */
    private void adopt(Connection target, ConnectionHandler h, Channel ch) {
        h.connection.timers.close();
        h.connection = target;
        target.channel = ch;
        target.direction = Direction.INCOMING;
        target.negotiated = null;
    }

    // ---- The state machine and its actions --------------------------------------------------------------------

    private void fire(Connection c, FsmEvent e) {
        FsmState before = c.state;
        Transition t = SessionFsm.step(settings.fsm(), before, e);
        c.state = t.next();
        if (t.changes(before)) {
            LOG.info("peer {}{}: {} -> {}: {}", name(), c == secondary ? " (second connection)" : "",
                    before.state(), t.next().state(), t.reason());
        } else if (!t.reason().isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("peer {}: {} stays: {}", name(), before.state(), t.reason());
        }
        publishState(); // before the actions: a peer that sees our NOTIFICATION must find us already Idle
        c.handling = e;
        c.sentNow = null;
        for (FsmAction a : t.actions()) {
            perform(c, a);
        }
        afterTransition(c);
    }

    private void perform(Connection c, FsmAction a) {
        switch (a) {
            case FsmAction.InitiateConnection i -> initiate(c);
            case FsmAction.DropConnection d -> drop(c);
            case FsmAction.SendOpen o -> send(c, localOpen);
            case FsmAction.SendKeepalive k -> send(c, Keepalive.INSTANCE);
            case FsmAction.SendNotification n -> notify(c, n.notification());
            case FsmAction.StartTimer s -> c.timers.start(s.timer(), s.duration());
            case FsmAction.StopTimer s -> c.timers.stop(s.timer());
            case FsmAction.SessionUp up -> up(c, up.negotiated());
            case FsmAction.ReleaseResources r -> release(c, "session down");
        }
    }

    private void initiate(Connection c) {
        if (c.channel != null) {
            c.channel.close();
        }
        c.direction = Direction.OUTGOING;
        c.negotiated = null;
        ChannelFuture f;
        try {
            f = connector.connect(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    installPipeline(ch, c);
                }
            });
        } catch (RuntimeException ex) {
            recordError("local", null, "cannot connect: " + ex.getMessage());
            post(() -> fire(c, new FsmEvent.TcpConnectionFails("cannot connect: " + ex.getMessage())));
            return;
        }
        Channel ch = f.channel();
        c.channel = ch;
        f.addListener(done -> {
            if (!done.isSuccess()) {
                String why = connectFailure(done.cause());
                post(() -> {
                    if (c.channel == ch) {
                        LOG.debug("peer {}: connect failed: {}", name(), why);
                        recordError("local", null, "connect failed: " + why);
                        fire(c, new FsmEvent.TcpConnectionFails(why));
                    }
                });
            }
        });
    }

    /**
     * Why a connect failed, for the peer's last error. Netty's epoll transport throws some errno exceptions
     * without a message ({@code EHOSTUNREACH}, e.g. after an ICMP error, becomes a bare
     * {@code NoRouteToHostException}) and then annotates them with the remote address as {@code "null: /addr"};
     * such a message is replaced by what the exception means.
     */
    static String connectFailure(Throwable cause) {
        if (cause == null) {
            return "connect failed";
        }
        String message = cause.getMessage();
        boolean annotated = message != null && message.startsWith("null: ");
        if (message != null && !message.isBlank() && !annotated) {
            return message;
        }
        String what = switch (cause) {
            case java.net.NoRouteToHostException e -> "no route to host";
            case java.net.ConnectException e -> "connection refused";
            default -> cause.getClass().getSimpleName();
        };
        return annotated ? what + message.substring("null".length()) : what;
    }

    private void installPipeline(Channel ch, Connection c) {
        BgpPipeline.install(ch.pipeline(), new SessionDecoder(open -> OpenCheck.check(settings.policy(), localOpen,
                open) instanceof OpenCheck.Accepted a ? a.negotiated().context() : null));
        ch.pipeline().addFirst(OctetCounter.NAME, new OctetCounter(stats));
        ch.pipeline().addLast("session", new ConnectionHandler(this, c));
    }

    private void drop(Connection c) {
        Channel ch = c.channel;
        if (ch == null) {
            return;
        }
        c.channel = null;
        if (c.direction == Direction.OUTGOING && c.state.state() == SessionState.CONNECT && !ch.isActive()) {
            // a connect still pending when ConnectRetry fired: its own failure will be ignored, so say it here
            recordError("local", null, "connect got no answer before the connect retry timer fired");
        }
        ChannelFuture last = c.lastNotification;
        c.lastNotification = null;
        if (last != null && !last.isDone()) {
            last.addListener(ChannelFutureListener.CLOSE); // let the NOTIFICATION leave first
            // ... but not forever: behind what a peer that stopped reading left queued (RFC 9687) it never does
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, NOTIFICATION_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            ch.close();
        }
    }

    private void send(Connection c, BgpMessage m) {
        if (c.channel == null) {
            return;
        }
        stats.messagesSent++;
        switch (m) {
            case Open o -> stats.opensSent++;
            case Keepalive k -> stats.keepalivesSent++;
            case RouteRefresh rr -> stats.routeRefreshesSent++;
            case Update u -> stats.updatesSent++;
            case Notification n -> stats.notificationsSent++;
        }
        c.channel.writeAndFlush(m, c.channel.voidPromise());
    }

    private void notify(Connection c, Notification n) {
        if (c.closingForRestart && !c.negotiated.gracefulNotification()) {
            // RFC 4724 §4: without the N bit any NOTIFICATION makes the helper drop our routes; the close alone
            // tells it we are restarting.
            LOG.info("peer {}: closing without a NOTIFICATION, so that it keeps our routes while we restart"
                    + " (Graceful Restart, no N bit)", name());
            return;
        }
        Notification wire = c.closingForRestart ? n : HardReset.wrapIfNeeded(n, c.negotiated);
        c.sentNow = wire;
        LOG.warn("peer {}: sending NOTIFICATION {}", name(), NotificationText.describe(wire));
        if (!wire.isCollisionResolution()) {
            // a resolved collision closes a spare connection; the session itself did not fail
            String text = NotificationText.names(wire);
            recordError("sent", wire, refusalReason == null ? text : text + ": " + refusalReason);
        }
        if (c.channel == null) {
            return;
        }
        stats.messagesSent++;
        stats.notificationsSent++;
        c.lastNotification = c.channel.writeAndFlush(wire);
    }

    private void up(Connection c, Negotiated n) {
        c.established = true;
        established = c.channel;
        negotiated = n;
        establishedSince = Instant.now();
        stats.establishedTransitions++;
        if (c != primary) {
            // The second connection won; it becomes the peer's state machine.
            Connection old = primary;
            primary = c;
            secondary = null;
            old.timers.close();
            if (old.channel != null) {
                Channel oc = old.channel;
                old.channel = null; // its failing connect or close must not be reported against the new session
                oc.close();
            }
        } else if (secondary != null) {
            fire(secondary, new FsmEvent.OpenCollisionDump());
        }
        listener.established(this, n);
    }

    private void release(Connection c, String why) {
        if (c.established) {
            c.established = false;
            established = null;
            establishedSince = null;
            RouteRetention keep = ReceivingSpeaker.retention(c.negotiated, c.handling, c.sentNow);
            if (keep.keepsAny()) {
                LOG.info("peer {}: keeping its {} routes as stale for up to {} s while it restarts: {}", name(),
                        keep.families(), keep.restartTime().toSeconds(), keep.why());
            }
            listener.down(this, why, keep);
        }
        if (c.channel == null) {
            c.negotiated = null;
        }
    }

    /** Resolve which state machine speaks for the peer, and publish its state. */
    private void afterTransition(Connection c) {
        if (c == secondary && (c.state.state() == SessionState.IDLE || c.channel == null)) {
            // A second connection lives only as long as its TCP connection: it never connects out or restarts.
            secondary.timers.close();
            secondary = null;
        } else if (c == primary && c.state.state() == SessionState.IDLE && secondary != null
                && secondary.channel != null) {
            // The peer's own state machine failed while its second connection is still alive: carry on with that.
            primary.timers.close();
            primary = secondary;
            secondary = null;
        }
        publishState();
    }

    /** Publish the state of the connection that is furthest along, for readers on other threads. */
    private void publishState() {
        SessionState now = primary.state.state();
        if (secondary != null && secondary.state.state().ordinal() > now.ordinal()) {
            now = secondary.state.state();
        }
        SessionState was = state;
        if (was != now) {
            state = now;
            lastStateChange = Instant.now();
            if (now.ordinal() < SessionState.OPEN_CONFIRM.ordinal()) {
                negotiated = null;
            } else if (primary.negotiated != null) {
                negotiated = primary.negotiated;
            }
            listener.stateChanged(this, was, now, "");
        }
    }

    /**
     * Our encoder's context, set on the channel's loop before our KEEPALIVE and anything else we send: at once when
     * that is this loop (a queued task would run after writes made inline from here), else queued ahead of them.
     * The decoder and the frame limit have already switched themselves on the OPEN ({@link SessionDecoder}).
     */
    private void applyContext(Connection c, SessionContext ctx) {
        Channel ch = c.channel;
        BgpMessageEncoder enc = c.messageEncoder();
        if (enc == null) {
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            enc.context(ctx);
        } else {
            ch.eventLoop().execute(() -> enc.context(ctx));
        }
    }

    private void recordError(String direction, Notification n, String text) {
        lastError.set(new LastError(direction, n, text, Instant.now()));
    }

    private Connection newConnection(FsmState s, Direction d) {
        Connection[] self = new Connection[1];
        TimerSet timers = new TimerSet(loop, t -> fire(self[0], new FsmEvent.TimerExpires(t)));
        self[0] = new Connection(timers, s, d);
        return self[0];
    }
}
