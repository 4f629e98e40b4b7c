/**
 * Interoperability scenarios against real BIRD and FRR, and the harness that runs them.
 *
 * <p>The harness ({@link dev.petrel.interop.harness}) is reusable by later tests and benchmarks:
 * <ul>
 *   <li>{@link dev.petrel.interop.harness.TestNetwork} owns one run: namespaces ({@code ip netns}), veth links
 *       with addresses from 10.255.0.0/16 and fd00:255::/32 only, daemons, and a work directory; names carry a
 *       random suffix so parallel runs never collide; {@code close()} (and a JVM shutdown hook as a backstop)
 *       deletes everything and copies configs and logs to {@code -Dpetrel.interop.logDir}.
 *       {@link dev.petrel.interop.harness.Hosts#pair} is the common two-host topology.</li>
 *   <li>{@link dev.petrel.interop.harness.ManagedProcess} starts any foreground command inside a namespace
 *       ({@code ip netns exec NS ...}), logs it to a file, and stops it by PID (SIGTERM, then SIGKILL to it and
 *       its descendants). Petrel itself will run this way:
 *       {@code ip netns exec NS java -cp CP dev.petrel.daemon.PetrelCommand run --config FILE}.</li>
 *   <li>{@link dev.petrel.interop.harness.Bird} and {@link dev.petrel.interop.harness.Frr} run BIRD 2 and FRR
 *       (zebra + bgpd) from generated configs ({@link dev.petrel.interop.harness.BirdConfig},
 *       {@link dev.petrel.interop.harness.FrrConfig}) and read them back through {@code birdc} and
 *       {@code vtysh ... json} as {@link dev.petrel.interop.harness.PeerSnapshot}s (state, last error,
 *       shutdown communication, negotiated hold time, capabilities, raw text).</li>
 *   <li>{@link dev.petrel.interop.harness.Await} polls observable state with a deadline and fails with the last
 *       observation; scenarios never sleep for correctness.</li>
 *   <li>{@link dev.petrel.interop.harness.InteropEnvironment} decides whether the scenarios can run here (root,
 *       {@code ip netns}, binaries); tests skip with its reason, except under {@code CI=true} where missing
 *       binaries are a failure.</li>
 * </ul>
 *
 * <p>Most scenarios (in the tests of this package) put Petrel and BIRD/FRR routers on one LAN: {@code LanTopology}
 * creates the namespaces by role and the LAN, writes the routers' specs and Petrel's configuration from the hosts'
 * addresses, starts the daemons, waits for every configured session from both ends, and closes it all newest
 * first; {@code LanScenarios} is the base of a class whose ordered scenarios share one, skipping it where the
 * environment cannot run it and closing it after the last scenario even when building it failed.
 *
 * <p>The scenarios are tagged {@code interop}. Their Testcontainers variants are not written yet (no Docker engine
 * here to verify them); {@code ContainerInteropTest} checks for an engine and skips cleanly where none exists.
 */
package dev.petrel.interop;
