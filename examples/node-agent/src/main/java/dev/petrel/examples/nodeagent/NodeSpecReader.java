package dev.petrel.examples.nodeagent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link NodeSpec} from a JSON or HOCON file (JSON is HOCON). Every problem is reported with its key;
 * nothing is defaulted silently except what the file format documents (docs/embedding.md, "The node agent").
 */
public final class NodeSpecReader {
    private NodeSpecReader() {}

    /** The file's {@code content} as read already (JSON is HOCON); {@code origin} names it in errors. */
    public static NodeSpec parse(String content, String origin) {
        Config c;
        try {
            c = ConfigFactory.parseString(content, ConfigParseOptions.defaults().setOriginDescription(origin))
                    .resolve();
            return read(c, origin);
        } catch (ConfigException e) {
            // a value of the wrong type the checks below did not catch: still an error about the file
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static NodeSpec read(Config c, String origin) {
        List<String> problems = new ArrayList<>();
        String name = string(c, "node.name", "node", problems);
        String address = string(c, "node.address", null, problems);
        long as = c.hasPath("node.as") ? number(c, "node.as", problems) : 0;
        if (as <= 0) {
            problems.add("node.as: required, 1..4294967295");
        }
        int port = c.hasPath("node.port") ? (int) number(c, "node.port", problems) : 179;
        List<String> blocks = strings(c, "ipam-blocks", problems);
        List<String> services = new ArrayList<>();
        services.addAll(strings(c, "services.cluster-ips", problems));
        services.addAll(strings(c, "services.external-ips", problems));
        services.addAll(strings(c, "services.load-balancer-ips", problems));
        List<String> blockCommunities = strings(c, "communities.blocks", problems);
        List<String> serviceCommunities = strings(c, "communities.services", problems);
        NodeSpec.Mode mode = NodeSpec.Mode.FULL_MESH;
        if (c.hasPath("bgp.mode")) {
            String m = c.getString("bgp.mode");
            try {
                mode = NodeSpec.Mode.valueOf(m.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add("bgp.mode: " + m + " is not full-mesh, route-reflectors or tor");
            }
        }
        List<NodeSpec.Peer> peers = new ArrayList<>();
        if (c.hasPath("bgp.peers")) {
            int i = 0;
            for (Config p : c.getConfigList("bgp.peers")) {
                String key = "bgp.peers[" + i++ + "]";
                if (!p.hasPath("name") || !p.hasPath("address")) {
                    problems.add(key + ": needs name and address");
                    continue;
                }
                long peerAs = p.hasPath("as") ? p.getLong("as") : as;
                if (mode == NodeSpec.Mode.TOR && !p.hasPath("as")) {
                    problems.add(key + ": a top-of-rack switch needs its as");
                }
                peers.add(new NodeSpec.Peer(p.getString("name"), p.getString("address"), peerAs));
            }
        }
        String password = c.hasPath("bgp.password") ? c.getString("bgp.password") : null;
        Duration retry = c.hasPath("bgp.connect-retry") ? c.getDuration("bgp.connect-retry") : Duration.ofSeconds(5);
        boolean install = !c.hasPath("kernel.install") || c.getBoolean("kernel.install");
        boolean dryRun = c.hasPath("kernel.dry-run") && c.getBoolean("kernel.dry-run");
        String readiness = c.hasPath("readiness.listen") ? c.getString("readiness.listen") : null;
        String nextHop = c.hasPath("node.next-hop") ? c.getString("node.next-hop") : null;
        // Graceful Restart is on unless switched off, as in calico-node's BIRD configuration
        boolean graceful = true;
        if (c.hasPath("bgp.graceful-restart")) {
            try {
                graceful = c.getBoolean("bgp.graceful-restart");
            } catch (ConfigException e) {
                problems.add("bgp.graceful-restart: true or false");
            }
        }
        Duration restartTime = null;
        if (graceful) {
            restartTime = Duration.ofSeconds(120);
            if (c.hasPath("bgp.restart-time")) {
                restartTime = duration(c, "bgp.restart-time", problems);
                if (restartTime != null && (restartTime.toSeconds() < 1 || restartTime.toSeconds() > 4095)) {
                    problems.add("bgp.restart-time: " + restartTime.toSeconds() + "s is outside 1s..4095s");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(origin + ": " + String.join("\n" + origin + ": ", problems));
        }
        return new NodeSpec(name, address, as, port, blocks, services, blockCommunities, serviceCommunities, mode,
                peers, password, retry, install, dryRun, readiness, nextHop, restartTime);
    }

    private static String string(Config c, String key, String dflt, List<String> problems) {
        if (c.hasPath(key)) {
            return c.getString(key);
        }
        if (dflt == null) {
            problems.add(key + ": required");
        }
        return dflt;
    }

    /** A time with its unit ({@code 120s}); a bare number would be read as milliseconds, so it is refused. */
    private static Duration duration(Config c, String key, List<String> problems) {
        if (c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.NUMBER) {
            problems.add(key + ": needs a unit, like 120s");
            return null;
        }
        try {
            return c.getDuration(key);
        } catch (ConfigException e) {
            problems.add(key + ": a time like 120s");
            return null;
        }
    }

    private static long number(Config c, String key, List<String> problems) {
        try {
            return c.getLong(key);
        } catch (ConfigException e) {
            problems.add(key + ": not a number");
            return 0;
        }
    }

    private static List<String> strings(Config c, String key, List<String> problems) {
        if (!c.hasPath(key)) {
            return List.of();
        }
        try {
            return c.getStringList(key);
        } catch (ConfigException e) {
            problems.add(key + ": a list of strings");
            return List.of();
        }
    }
}
