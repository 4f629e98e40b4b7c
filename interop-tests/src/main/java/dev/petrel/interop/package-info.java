/**
 * Interoperability scenarios against real BIRD and FRR.
 *
 * <p>Not built yet (issue "Sessions"). The scenarios will run against BIRD and FRR processes in network
 * namespaces that the tests create and delete themselves (10.255.0.0/16 and fd00:255::/32 only), driving them
 * through their own control channels ({@code birdc}, {@code vtysh -c ... json}) and waiting on observable
 * state, never on fixed sleeps. The same scenarios run through Testcontainers where a Docker engine exists and
 * skip cleanly where none does.
 */
package dev.petrel.interop;
