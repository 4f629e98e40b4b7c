/**
 * {@code petrel show ...}: questions to the running daemon, asked over its admin socket
 * ({@link dev.petrel.daemon.admin}).
 *
 * <p>The socket is {@code --socket PATH}, else {@code petrel.admin.socket} from {@code --config FILE}, else
 * {@code /run/petrel/petrel.sock}. Text output is drawn by the client from the daemon's JSON; {@code --json}
 * prints that JSON. Exit status is 0, or 1 when the daemon cannot be reached or answers with an error.
 */
package dev.petrel.daemon.show;
