package dev.petrel.bench.fulltable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The router in the middle: BIRD or Petrel, started in the router namespace with one passive peer for the
 * injector (import everything, export nothing) and one per receiver (import nothing, export everything); over
 * eBGP, or as a route reflector ({@link Shape}).
 */
interface Router extends AutoCloseable {
    /** How the router and the speakers peer. */
    enum Shape {
        /** eBGP: the router in AS 65000, the injector in 65001, every receiver in 65002. */
        EBGP,
        /** A route reflector (RFC 4456) in {@link #REFLECTOR_AS}; the injector and every receiver its iBGP clients. */
        REFLECTOR,
        /**
         * A route reflector whose clients are the receivers only, each of which announces routes of its own and
         * receives everyone else's (a Calico cluster's nodes): every client imports and exports everything.
         */
        MESH;

        boolean reflector() {
            return this != EBGP;
        }
    }

    /** The one AS of the reflector shapes: the router's and every client's. */
    long REFLECTOR_AS = 64512;

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

    /**
     * Writes the configuration into {@code dir}, starts the router and waits until it answers questions. The
     * peers follow {@code shape}; {@link Shape#MESH} has no injector peer.
     */
    void start(Testbed bed, Path dir, int receivers, Shape shape) throws Exception;

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
