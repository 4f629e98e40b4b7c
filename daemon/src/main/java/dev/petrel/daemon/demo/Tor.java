package dev.petrel.daemon.demo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The top-of-rack switch of the namespace demo, played by a real BGP daemon in {@code pdemo-tor}: an eBGP peer of
 * the route reflector (AS {@link Cluster#TOR_AS}) that learns the pod blocks and sends nothing back.
 */
interface Tor {
    /** Which daemon plays it: BIRD when installed, else FRR when installed, else none. */
    enum Kind {
        BIRD, FRR, NONE;

        static Kind detect() {
            return BirdTor.installed() ? BIRD : FrrTor.installed() ? FRR : NONE;
        }

        /** The switch this kind makes, working in {@code dir}; null for none. */
        Tor make(Path dir) {
            return switch (this) {
                case BIRD -> new BirdTor(dir);
                case FRR -> new FrrTor(dir);
                case NONE -> null;
            };
        }
    }

    /** "BIRD" or "FRR". */
    String name();

    /** Writes its configuration and starts it in {@code namespace}. */
    void start(Children children, String namespace) throws IOException;

    /** Waits until its session with the reflector is Established and it has learned both pod blocks. */
    void awaitBlocks(Children children);

    /** The section title and body showing its routes. */
    String[] view();
}
