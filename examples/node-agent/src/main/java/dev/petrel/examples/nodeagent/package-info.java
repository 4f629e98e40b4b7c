/**
 * An example node agent on Petrel's embedding API: the routing half of calico-node in a few small classes.
 *
 * <p>{@link dev.petrel.examples.nodeagent.NodeSpec} is what the agent knows of its node (read from a JSON or HOCON
 * file standing in for the Kubernetes API); {@link dev.petrel.examples.nodeagent.Translation} turns it into a base
 * configuration and a {@code DesiredState}; {@link dev.petrel.examples.nodeagent.NodeAgent} runs the speaker and
 * re-applies the file whenever it changes (a plan: nothing that did not change is touched);
 * {@code StatusFile} keeps a view of peers and kernel routes from two event streams (snapshot, then changes);
 * {@code ReadinessEndpoint} serves {@code /readyz}. It uses nothing but the public API: {@code dev.petrel.speaker}
 * and its {@code events} and {@code readiness} packages. {@code petrel demo} runs it on every node of its cluster.
 */
package dev.petrel.examples.nodeagent;
