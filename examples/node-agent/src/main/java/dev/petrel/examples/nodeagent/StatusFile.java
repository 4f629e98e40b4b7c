package dev.petrel.examples.nodeagent;

import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.speaker.Petrel;
import dev.petrel.speaker.events.FibEvent;
import dev.petrel.speaker.events.PeerEvent;
import dev.petrel.speaker.events.StreamItem;
import dev.petrel.speaker.events.StreamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a JSON file with the node's peers and the routes its kernel holds from Petrel, rewritten (atomically, by
 * rename) on every change: a node agent's view built from two event streams, peers and FIB results, each
 * applied as a Kubernetes informer applies a list and then a watch. {@code petrel demo} reads it.
 */
final class StatusFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusFile.class);
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Path file;
    private final String node;
    // Guarded by this.
    private final Map<String, String> peers = new TreeMap<>();
    private final Map<String, String> routes = new TreeMap<>();
    private final java.util.List<Flow.Subscription> subscriptions = new java.util.ArrayList<>();

    StatusFile(Path file, String node, Petrel petrel) {
        this.file = file;
        this.node = node;
        petrel.events().peers(StreamOptions.DEFAULT).subscribe(new Applier<PeerEvent>() {
            @Override
            void snapshot(java.util.List<PeerEvent> entries) {
                peers.clear();
                entries.forEach(this::change);
            }

            @Override
            void change(PeerEvent e) {
                if (e.kind() == PeerEvent.Kind.REMOVED) {
                    peers.remove(e.peer());
                } else {
                    peers.put(e.peer(), e.state().rfcName());
                }
            }
        });
        petrel.events().fib(StreamOptions.DEFAULT).subscribe(new Applier<FibEvent>() {
            @Override
            void snapshot(java.util.List<FibEvent> entries) {
                routes.clear();
                entries.forEach(this::change);
            }

            @Override
            void change(FibEvent e) {
                if (e.kind() == FibEvent.Kind.INSTALLED && e.entry() != null && e.entry().installed() != null) {
                    routes.put(e.prefix().toString(), via(e));
                } else if (e.kind() != FibEvent.Kind.PENDING) {
                    routes.remove(e.prefix().toString());
                }
            }
        });
    }

    private static String via(FibEvent e) {
        StringBuilder b = new StringBuilder();
        for (KernelNextHop h : e.entry().installed().nextHops()) {
            if (h.gateway() != null) {
                b.append(b.isEmpty() ? "via " : ", ").append(h.gateway().getHostAddress());
            }
        }
        return b.isEmpty() ? "installed" : b.toString();
    }

    /** Applies a stream's snapshot and changes under this object's lock, then rewrites the file. */
    private abstract class Applier<T> implements Flow.Subscriber<StreamItem<T>> {
        abstract void snapshot(java.util.List<T> entries);

        abstract void change(T event);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            synchronized (StatusFile.this) {
                subscriptions.add(s);
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(StreamItem<T> item) {
            synchronized (StatusFile.this) {
                switch (item) {
                    case StreamItem.Snapshot<T> s -> snapshot(s.entries());
                    case StreamItem.Change<T> c -> change(c.event());
                    case StreamItem.Resync<T> r -> LOG.info("status: resync ({})", r.reason());
                }
                write();
            }
        }

        @Override
        public void onError(Throwable t) {
            LOG.warn("status: stream failed", t);
        }

        @Override
        public void onComplete() {}
    }

    private void write() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", node);
        status.put("peers", peers);
        status.put("kernel_routes", routes);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(status) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("status: cannot write {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Flow.Subscription::cancel);
    }
}
