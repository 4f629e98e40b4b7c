package dev.petrel.daemon.demo;

/** Something the demo needed did not happen; the message says what, and what was seen instead. */
final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
        super(message);
    }
}
