package dev.petrel.bench.fulltable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The router in the middle: BIRD or Petrel, started in the router namespace with one passive eBGP peer for the
 * injector (import everything, export nothing) and one per receiver (import nothing, export everything).
 */
interface Router extends AutoCloseable {
    /** The local AS of the router; the injector is {@link #INJECTOR_AS}, every receiver {@link #RECEIVER_AS}. */
    long ROUTER_AS = 65000;
    long INJECTOR_AS = 65001;
    long RECEIVER_AS = 65002;
    String INJECTOR_PEER = "injector";

    /** The name of receiver {@code i}'s peer on the router. */
    static String receiverPeer(int i) {
        return String.format("r%02d", i);
    }

    /** "bird" or "petrel". */
    String name();

    /** Writes the configuration into {@code dir}, starts the router and waits until it answers questions. */
    void start(Testbed bed, Path dir, int receivers) throws Exception;

    /** The process whose CPU time and memory are the router's (for Petrel the JVM, not a launcher script). */
    long pid();

    /** The session state of every configured peer, by name, as the router reports it. */
    Map<String, String> peerStates();

    /** Whether {@code state}, as {@link #peerStates()} reports it, is Established. */
    default boolean established(String state) {
        return "Established".equals(state);
    }

    /** A line on what the router holds from the injector, for a failure message. */
    String importedFromInjector();

    /** What the router's memory looks like with the table loaded: the figures, as RESULT keys and values. */
    Map<String, Double> loadedMemory(int prefixes);

    /** How the router was started: version and flags, for the report. */
    List<String> describe();

    Path log();

    @Override
    void close();
}
