/**
 * Metrics: a speaker's figures in the Prometheus text format, for the daemon's {@code /metrics} and for an
 * embedding agent to serve or merge into its own.
 *
 * <p>{@link dev.petrel.speaker.metrics.PetrelMetrics} combines two sources. The BGP figures (per peer: state as in
 * the BGP4-MIB, Established time and transitions, messages by each BGP type, octets in and out, prefixes, routes
 * per family and stage, the last error; the RIB: prefixes, paths, best, attribute sets, estimated memory, queue
 * depth, update groups; the FIB: routes by state, writes, errors by errno, repairs, overruns, re-reads, sync lag)
 * are read at scrape time from what the sessions, the RIB and the FIB keep anyway, so nothing is counted twice and
 * the hot paths pay at most a counter increment; they need labels (peer, family, stage), which Prometheus' data
 * model has and dropwizard names do not. Process figures (heap, GC, threads) and instruments added by other parts
 * of the process live in a dropwizard {@code MetricRegistry} exported through Prometheus' dropwizard bridge; so is the RIB's decision-run latency
 * ({@code petrel_rib_decision_seconds}), a dropwizard {@code Timer} fed by {@code Rib.onDecisionRun} and exported
 * as a summary in seconds.
 *
 * <p>The RIB and the FIB answer through their owner threads; a scrape waits for each at most a second and
 * otherwise reports {@code petrel_rib_responding 0} (or {@code petrel_fib_responding 0}), so a stuck table is
 * visible in metrics rather than hanging the scraper.
 */
package dev.petrel.speaker.metrics;
