/**
 * The embedding API: Petrel as a Java library for a node agent.
 *
 * <p>Not built yet (issue "Embedding"). This module will wire the other modules together behind a typed,
 * thread-safe API: build, start and close a speaker; add, change and remove peers with a plan of what the
 * change does to each session; originate and withdraw routes; immutable snapshots of peers and routes; and
 * event streams ({@code java.util.concurrent.Flow.Publisher}) that start with a consistent snapshot followed by
 * gap-free, sequence-numbered deltas.
 */
package dev.petrel.speaker;
