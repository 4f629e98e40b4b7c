/**
 * Configuration: HOCON through typesafe-config into immutable records.
 *
 * <p>Not built yet (issue "Sessions" starts it, "Operations" completes it). This module will own the schema
 * and its {@code reference.conf} defaults, validation that names the file, line and key and the allowed
 * values, and the difference between two configurations as a per-peer plan (unchanged, soft reconfiguration,
 * added, removed, reset) so that a reload touches only what changed.
 */
package dev.petrel.config;
