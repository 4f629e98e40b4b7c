package dev.petrel.bench.events;

import dev.petrel.speaker.Petrel;
import dev.petrel.speaker.Routes;
import dev.petrel.speaker.events.BestPathEvent;
import dev.petrel.speaker.events.StreamItem;
import dev.petrel.speaker.events.StreamOptions;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * What the best-path stream costs: a speaker with no peers originates N routes through the API, and the time is
 * taken until the RIB has decided the last one, and until each of S subscribers (counting, with unbounded demand)
 * has received it. Run with 0, 1 and 4 subscribers to see what a subscriber costs the RIB (nothing should change
 * for the RIB: delivery runs on the subscribers' own threads).
 *
 * <p>Usage: {@code java -cp ... dev.petrel.bench.events.EventStreamThroughput [routes] [subscribers] [rounds]}
 */
public final class EventStreamThroughput {
    private static final Prefix SENTINEL = Prefix.parse("192.0.2.1/32");

    /** Counts events and opens a latch at the sentinel. */
    private static final class Counter implements Flow.Subscriber<StreamItem<BestPathEvent>> {
        final CountDownLatch sentinel = new CountDownLatch(1);
        long events;
        long resyncs;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(StreamItem<BestPathEvent> item) {
            if (item instanceof StreamItem.Change<BestPathEvent> c) {
                events++;
                if (c.event().prefix().equals(SENTINEL) && !c.event().withdrawn()) {
                    sentinel.countDown();
                }
            } else if (item instanceof StreamItem.Resync<BestPathEvent>) {
                resyncs++;
            }
        }

        @Override
        public void onError(Throwable t) {
            t.printStackTrace();
        }

        @Override
        public void onComplete() {}
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<StaticRouteHolder> routes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            routes.add(new StaticRouteHolder(Routes.blackhole("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "."
                    + (i & 0xff) + "/32", "64512:1")));
        }
        for (int round = 1; round <= rounds; round++) {
            try (Petrel p = Petrel.builder().routerId("10.255.1.1").localAs(64512).listen().set("admin.http", "off")
                    .build().start()) {
                List<Counter> counters = new ArrayList<>();
                for (int s = 0; s < subscribers; s++) {
                    Counter c = new Counter();
                    p.events().bestPaths(new StreamOptions(n + 1024, StreamOptions.Overflow.DROP_AND_RESYNC))
                            .subscribe(c);
                    counters.add(c);
                }
                // Let the subscriptions attach (their snapshot query) before the clock starts.
                p.route(SENTINEL);
                long start = System.nanoTime();
                for (StaticRouteHolder r : routes) {
                    p.originate(r.route());
                }
                p.originate(Routes.blackhole("192.0.2.1/32"));
                p.route(SENTINEL).orElseThrow(); // queued behind every origination: the RIB has decided them all
                long decided = System.nanoTime() - start;
                for (Counter c : counters) {
                    if (!c.sentinel.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a subscriber never got the last route");
                    }
                }
                long delivered = System.nanoTime() - start;
                long resyncs = counters.stream().mapToLong(c -> c.resyncs).sum();
                System.out.printf("round %d: %d routes, %d subscribers: RIB decided all in %.2f s (%.0f k/s);"
                        + " every subscriber had every change in %.2f s (%.0f k events/s each)%s%n", round, n,
                        subscribers, decided / 1e9, n / (decided / 1e6), delivered / 1e9,
                        n / (delivered / 1e6), resyncs == 0 ? "" : "; resyncs: " + resyncs);
            }
        }
    }

    private record StaticRouteHolder(dev.petrel.config.StaticRoute route) {}
}
