/**
 * {@code petrel check}: validate a configuration file (see {@link dev.petrel.config}) and say so, or print
 * every error on its own line as {@code file:line: key: message}. Exit status 0 when valid, 1 when not, 2 for
 * a usage error.
 */
package dev.petrel.daemon.check;
