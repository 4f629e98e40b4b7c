package dev.petrel.bench.fulltable;

/** A run of the full-table benchmark that could not complete; the message says why, in one or a few lines. */
public final class BenchmarkFailure extends RuntimeException {
    public BenchmarkFailure(String message) {
        super(message);
    }
}
