package dev.petrel.examples.nodeagent;

import dev.petrel.speaker.ApplyPlan;
import dev.petrel.speaker.InvalidStateException;
import dev.petrel.speaker.Petrel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node agent: what calico-node's routing does, on Petrel's public API only. It reads the node's desired state
 * from a JSON or HOCON file ({@link NodeSpecReader}), runs a speaker for it ({@link Translation}), originates the
 * node's IPAM blocks and service CIDRs with their communities, installs other nodes' routes into the kernel, and
 * serves readiness. It watches the file: a change is applied as a plan, so peers and routes change without any
 * other session being reset; only a change of the node's address, AS or kernel options restarts the speaker.
 *
 * <pre>
 * java -cp ... dev.petrel.examples.nodeagent.NodeAgent --state node.json [--status status.json]
 * </pre>
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    private final Path stateFile;
    private final Path statusFile;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-agent-watch");
        t.setDaemon(true);
        return t;
    });
    // Guarded by this.
    private Petrel petrel;
    private Translation.Base base;
    private StatusFile status;
    private ReadinessEndpoint readiness;
    private String lastContent;
    private boolean restarting;

    public NodeAgent(Path stateFile, Path statusFile) {
        this.stateFile = stateFile;
        this.statusFile = statusFile;
    }

    /** Reads the file, starts the speaker and watches the file (every 500 ms: Kubernetes swaps mounted files by symlink). */
    public synchronized NodeAgent start() throws IOException {
        lastContent = Files.readString(stateFile);
        NodeSpec spec = NodeSpecReader.parse(lastContent, stateFile.toString());
        startSpeaker(spec);
        watcher.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * This start follows a graceful stop of this node's agent (its peers kept its routes): the first speaker says so
     * (R bit) and sends its routes and End-of-RIB once its peers have sent theirs, so that they drop only what this
     * node no longer has. As {@code petrel run --graceful-restart}; call before {@link #start}.
     */
    public synchronized NodeAgent restartingGracefully() {
        if (petrel != null) {
            throw new IllegalStateException("restartingGracefully() is for the start, before start()");
        }
        restarting = true;
        return this;
    }

    private void startSpeaker(NodeSpec spec) throws IOException {
        Petrel.Builder b = Translation.builder(spec).desiredState(Translation.desired(spec));
        if (restarting) {
            b.restartingGracefully();
            restarting = false; // only the first speaker follows the graceful stop
        }
        petrel = b.build().start();
        base = Translation.Base.of(spec);
        if (statusFile != null) {
            status = new StatusFile(statusFile, spec.name(), petrel);
        }
        if (spec.readiness() != null) {
            readiness = new ReadinessEndpoint(spec.readiness(), this::petrel);
        }
        LOG.info("node {}: AS {}, {} peers ({}), {} blocks, {} service CIDRs", spec.name(), spec.as(),
                spec.peers().size(), spec.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                spec.ipamBlocks().size(), spec.serviceCidrs().size());
    }

    /** The running speaker (for readiness and tests). */
    public synchronized Petrel petrel() {
        return petrel;
    }

    private void check() {
        try {
            String content = Files.readString(stateFile);
            synchronized (this) {
                if (content.equals(lastContent)) {
                    return;
                }
                lastContent = content;
            }
            reload(content);
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", stateFile, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("applying {} failed", stateFile, e);
        }
    }

    /**
     * Applies the file as it is now. An invalid file changes nothing (the error is logged with its key); a change of
     * address, AS or kernel options restarts the speaker; anything else is applied as a plan.
     *
     * @return the plan applied, or null when the file was refused or the speaker restarted
     */
    public ApplyPlan reload() throws IOException {
        if (!Files.isRegularFile(stateFile)) {
            LOG.error("{} not applied: {}: no such file", stateFile, stateFile);
            return null;
        }
        return reload(Files.readString(stateFile));
    }

    /** {@link #reload()} with the file's content read already. */
    private synchronized ApplyPlan reload(String content) throws IOException {
        NodeSpec spec;
        try {
            spec = NodeSpecReader.parse(content, stateFile.toString());
        } catch (IllegalArgumentException e) {
            LOG.error("{} not applied: {}", stateFile, e.getMessage());
            return null;
        }
        if (petrel == null || !Translation.Base.of(spec).equals(base)) {
            LOG.info("node address, AS, kernel or graceful-restart options changed: (re)starting the speaker");
            if (petrel != null) {
                // Another address or AS is another node: its peers must drop what the old one sent. Other options
                // leave the node what it was: its peers keep its routes while its speaker restarts.
                boolean sameNode = spec.address().equals(base.address()) && spec.as() == base.as();
                stopSpeaker(sameNode);
                restarting = sameNode && spec.restartTime() != null;
            }
            try {
                startSpeaker(spec);
            } catch (RuntimeException | IOException e) {
                // No speaker now: the next poll tries again (the file is read as changed).
                petrel = null;
                lastContent = null;
                LOG.error("cannot start the speaker for {}: {}", stateFile, e.getMessage());
            }
            return null;
        }
        try {
            ApplyPlan plan = petrel.apply(Translation.desired(spec));
            LOG.info("{} applied: {}", stateFile, String.join("; ", plan.lines()));
            return plan;
        } catch (InvalidStateException e) {
            LOG.error("{} not applied: {}", stateFile, String.join("; ", e.problems()));
            return null;
        }
    }

    /** @param graceful as configured (peers keep our routes while we restart), or for good */
    private void stopSpeaker(boolean graceful) {
        base = null;
        if (readiness != null) {
            readiness.close();
            readiness = null;
        }
        if (status != null) {
            status.close();
            status = null;
        }
        if (graceful) {
            petrel.close();
        } else {
            petrel.closeForGood();
        }
        petrel = null;
    }

    /** Stops the agent; with Graceful Restart its peers keep the node's routes for the restart time. */
    @Override
    public synchronized void close() {
        watcher.shutdownNow();
        if (petrel != null) {
            stopSpeaker(true);
        }
    }

    /** Stops the agent for good (the node leaves the cluster): its peers drop the node's routes at once. */
    public synchronized void closeForGood() {
        watcher.shutdownNow();
        if (petrel != null) {
            stopSpeaker(false);
        }
    }

    public static void main(String[] args) throws Exception {
        Path state = null;
        Path statusOut = null;
        boolean restart = false;
        String usage = "usage: NodeAgent --state FILE [--status FILE] [--graceful-restart]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--status" -> statusOut = Path.of(args[++i]);
                case "--graceful-restart" -> restart = true;
                default -> {
                    System.err.println(usage);
                    System.exit(2);
                }
            }
        }
        if (state == null) {
            System.err.println(usage);
            System.exit(2);
        }
        NodeAgent agent;
        try {
            NodeAgent a = new NodeAgent(state, statusOut);
            if (restart) {
                a.restartingGracefully();
            }
            agent = a.start();
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("node-agent: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stop.countDown();
        }, "node-agent-stop"));
        stop.await();
    }
}
