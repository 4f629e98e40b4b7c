package dev.petrel.speaker;

import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.wire.Family;
import dev.petrel.wire.cap.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4724 §4.1 after a graceful restart of ours: our UPDATEs and End-of-RIB are held back ({@code Rib.deferOutput})
 * until every peer we wait for has sent End-of-RIB for each of its families, or {@code selection-deferral} has
 * passed; then the speaker ends the restart ({@link Speaker#endRestart}). Peers it waits for: every configured
 * peer that is not shut down, except, once its OPEN is in, one without the Graceful Restart capability or one
 * restarting itself (R bit), which the RFC excludes. With listen ranges the wait is the whole
 * {@code selection-deferral}: which dynamic peers will come back cannot be known, and ending at the configured
 * peers' End-of-RIB would give the first clients back a table without the clients still on their way (FRR does the
 * same for its dynamic neighbours). Checked every {@value #CHECK_MILLIS} ms on an event loop; a check reads
 * published session snapshots and asks the RIB, never blocking the loop.
 */
final class SelectionDeferral {
    private static final Logger LOG = LoggerFactory.getLogger(SelectionDeferral.class);
    static final long CHECK_MILLIS = 100;

    /** The peers to wait for, as the speaker has them now. */
    interface Peers {
        List<PeerSession> configured();
    }

    private final Peers peers;
    private final boolean untilTimer;
    private final dev.petrel.rib.Rib rib;
    private final Duration limit;
    private final Runnable end;
    private final LongSupplier nanos;
    private final long started;
    private ScheduledFuture<?> task;
    /** A RIB query is out: set on the loop, cleared on the RIB thread when it answers. */
    private volatile boolean asking;
    private volatile boolean over;

    /** @param untilTimer wait the whole {@code limit} (there are listen ranges) */
    SelectionDeferral(Peers peers, boolean untilTimer, dev.petrel.rib.Rib rib, Duration limit, Runnable end,
            LongSupplier nanos) {
        this.peers = peers;
        this.untilTimer = untilTimer;
        this.rib = rib;
        this.limit = limit;
        this.end = end;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    void start(io.netty.channel.EventLoop loop) {
        if (untilTimer) {
            LOG.info("graceful restart: holding back our routes and End-of-RIB for {}s (selection-deferral): with"
                    + " listen ranges, which dynamic peers come back cannot be known", limit.toSeconds());
        } else {
            LOG.info("graceful restart: holding back our routes and End-of-RIB until every peer has sent its"
                    + " End-of-RIB, at most {}s", limit.toSeconds());
        }
        task = loop.scheduleAtFixedRate(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void cancel() {
        over = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    /** On the loop. */
    private void check() {
        if (over) {
            return;
        }
        if (untilTimer) {
            if (nanos.getAsLong() - started >= limit.toNanos()) {
                finish("selection-deferral (" + limit.toSeconds() + "s) has passed");
            }
            return;
        }
        List<String> notUp = new ArrayList<>();
        List<String> owing = new ArrayList<>();
        for (PeerSession s : peers.configured()) {
            if (!s.adminUp()) {
                continue;
            }
            if (s.state() != SessionState.ESTABLISHED) {
                notUp.add(s.name());
            } else if (waitsForEndOfRib(s.negotiated())) {
                owing.add(s.name());
            }
        }
        long elapsed = nanos.getAsLong() - started;
        if (elapsed >= limit.toNanos()) {
            finish("selection-deferral (" + limit.toSeconds() + "s) has passed, still waiting for "
                    + describe(notUp, owing));
            return;
        }
        if (!notUp.isEmpty() || asking) {
            return;
        }
        asking = true;
        rib.query(view -> {
            List<String> still = new ArrayList<>();
            for (String n : owing) {
                List<Family> fams = view.awaitingEndOfRib(n);
                if (fams == null || !fams.isEmpty()) {
                    still.add(n + (fams == null ? "" : " " + fams));
                }
            }
            return still;
        }).whenComplete((still, failure) -> {
            asking = false;
            if (failure == null && still.isEmpty()) {
                finish("End-of-RIB from every peer after " + Duration.ofNanos(nanos.getAsLong() - started)
                        .toMillis() + " ms");
            }
        });
    }

    private synchronized void finish(String why) {
        if (over) {
            return;
        }
        cancel();
        LOG.info("graceful restart over: {}; sending our routes, then End-of-RIB", why);
        end.run();
    }

    /** RFC 4724 §4.1: not a peer without the capability, nor one restarting too (R bit). */
    static boolean waitsForEndOfRib(Negotiated n) {
        if (n == null) {
            return true;
        }
        Capability.GracefulRestart gr = n.peer().capability(Capability.GracefulRestart.class);
        return gr != null && !gr.restarting();
    }

    private static String describe(List<String> notUp, List<String> owing) {
        if (!notUp.isEmpty()) {
            return "peers not Established: " + String.join(", ", notUp);
        }
        return "End-of-RIB from one or more of " + String.join(", ", owing);
    }
}
