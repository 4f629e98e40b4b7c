package dev.petrel.daemon;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.health.SpeakerHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * examples/k8s against the code: no cluster and no container engine exist here, so the manifests and the
 * Containerfile are parsed and every reference in them is checked against the other files and against what
 * Petrel really reads, serves and runs. Each check fails when a file drifts from the code.
 */
class K8sExamplesTest {
    private static final Path DIR = Path.of("examples/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MANIFESTS = List.of("secret.yaml", "route-reflector.yaml",
            "node-daemonset.yaml");
    /** What the kubelet would put in fieldRef variables, for loading the configurations. */
    private static final Map<String, String> FIELD_VALUES = Map.of("status.hostIP", "10.255.0.10",
            "status.podIP", "10.244.0.5", "spec.nodeName", "node-1");
    private static final Pattern PROBE_URL = Pattern.compile("http://([0-9.]+):([0-9]+)(/[^\\s?]*)");

    /** One manifest object and the file it came from. */
    private record Obj(String file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    private static List<Obj> objects() throws IOException {
        List<Obj> out = new ArrayList<>();
        for (String f : MANIFESTS) {
            try (JsonParser p = YAML.getFactory().createParser(DIR.resolve(f).toFile())) {
                for (var it = YAML.readValues(p, JsonNode.class); it.hasNext(); ) {
                    JsonNode n = it.next();
                    if (n != null && !n.isNull() && !n.isEmpty()) {
                        out.add(new Obj(f, n));
                    }
                }
            }
        }
        return out;
    }

    private static Obj find(List<Obj> all, String kind, String name) {
        return all.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + MANIFESTS));
    }

    private static List<Obj> workloads(List<Obj> all) {
        return all.stream().filter(o -> Set.of("Deployment", "DaemonSet", "StatefulSet").contains(o.kind()))
                .toList();
    }

    /** A Secret's value for a key, from stringData or (base64) data. */
    private static String secretValue(Obj secret, String key) {
        JsonNode s = secret.node().path("stringData").get(key);
        if (s != null) {
            return s.asText();
        }
        JsonNode d = secret.node().path("data").get(key);
        assertNotNull(d, secret.name() + " has no key " + key);
        return new String(java.util.Base64.getDecoder().decode(d.asText()), StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentIsAKnownKindInOneNamespace() throws Exception {
        List<Obj> all = objects();
        Map<String, String> apiVersions = Map.of("ConfigMap", "v1", "Secret", "v1", "Deployment", "apps/v1",
                "DaemonSet", "apps/v1", "StatefulSet", "apps/v1", "Service", "v1");
        Set<String> seen = new HashSet<>();
        for (Obj o : all) {
            assertTrue(apiVersions.containsKey(o.kind()), o.file() + ": unexpected kind " + o.kind());
            assertEquals(apiVersions.get(o.kind()), o.node().path("apiVersion").asText(), o.file() + " " + o.name());
            assertEquals("petrel", o.node().path("metadata").path("namespace").asText(), o.file() + " " + o.name());
            assertTrue(seen.add(o.kind() + "/" + o.name()), "defined twice: " + o.kind() + "/" + o.name());
        }
        assertEquals(Set.of("Deployment", "DaemonSet"),
                new TreeSet<>(workloads(all).stream().map(Obj::kind).toList()));
        for (Obj w : workloads(all)) {
            JsonNode labels = w.node().at("/spec/template/metadata/labels");
            w.node().at("/spec/selector/matchLabels").fields().forEachRemaining(e -> assertEquals(
                    e.getValue().asText(), labels.path(e.getKey()).asText(), w.name() + ": selector " + e.getKey()));
        }
    }

    @Test
    void everyWorkloadRunsAConfigThatLoadsAndMatchesItsProbesPortsAndPrivileges() throws Exception {
        List<Obj> all = objects();
        Containerfile cf = Containerfile.read();
        List<String> command = cf.entrypointArgs();
        CommandLine.ParseResult parsed = new CommandLine(new PetrelCommand()).parseArgs(command.toArray(String[]::new));
        assertEquals("run", parsed.subcommand().commandSpec().name(), "the ENTRYPOINT runs the daemon");
        Path configPath = parsed.subcommand().matchedOptionValue("--config", null);
        assertNotNull(configPath, "the ENTRYPOINT names --config");

        for (Obj w : workloads(all)) {
            JsonNode pod = w.node().at("/spec/template/spec");
            boolean hostNetwork = pod.path("hostNetwork").asBoolean(false);
            JsonNode c = pod.path("containers").get(0);
            assertEquals(1, pod.path("containers").size(), w.name());
            assertTrue(pod.path("containers").get(0).path("command").isMissingNode(),
                    w.name() + ": the image's ENTRYPOINT runs petrel; a command would replace it");

            // Volumes: every ConfigMap and Secret exists with the keys named; the ENTRYPOINT's file is mounted.
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            String configText = null;
            Map<String, String> mountOf = new HashMap<>();
            for (JsonNode m : c.path("volumeMounts")) {
                JsonNode v = volumes.get(m.path("name").asText());
                assertNotNull(v, w.name() + ": mount of an undefined volume " + m.path("name").asText());
                mountOf.put(m.path("mountPath").asText(), m.path("name").asText());
                if (v.has("configMap")) {
                    Obj cm = find(all, "ConfigMap", v.at("/configMap/name").asText());
                    for (JsonNode item : v.at("/configMap/items")) {
                        String key = item.path("key").asText();
                        assertTrue(cm.node().path("data").has(key), cm.name() + " has no key " + key);
                        if (Path.of(m.path("mountPath").asText()).resolve(item.path("path").asText())
                                .equals(configPath)) {
                            configText = cm.node().path("data").path(key).asText();
                        }
                    }
                }
                if (v.has("secret")) {
                    find(all, "Secret", v.at("/secret/secretName").asText());
                }
            }
            assertNotNull(configText, w.name() + ": nothing is mounted at " + configPath + ", the ENTRYPOINT's --config");

            // Environment: what the configuration's ${VAR}s need, from the Secret and the downward API.
            Map<String, String> env = new HashMap<>();
            String passwordVariable = null;
            String password = null;
            for (JsonNode e : c.path("env")) {
                String name = e.path("name").asText();
                if (e.has("value")) {
                    env.put(name, e.path("value").asText());
                } else if (e.at("/valueFrom/secretKeyRef").isObject()) {
                    JsonNode ref = e.at("/valueFrom/secretKeyRef");
                    password = secretValue(find(all, "Secret", ref.path("name").asText()), ref.path("key").asText());
                    passwordVariable = name;
                    env.put(name, password);
                } else if (e.at("/valueFrom/configMapKeyRef").isObject()) {
                    JsonNode ref = e.at("/valueFrom/configMapKeyRef");
                    Obj cm = find(all, "ConfigMap", ref.path("name").asText());
                    assertTrue(cm.node().path("data").has(ref.path("key").asText()), name);
                    env.put(name, cm.node().path("data").path(ref.path("key").asText()).asText());
                } else {
                    String field = e.at("/valueFrom/fieldRef/fieldPath").asText();
                    assertTrue(FIELD_VALUES.containsKey(field), w.name() + ": " + name + " from " + field);
                    env.put(name, FIELD_VALUES.get(field));
                }
            }
            ConfigResult r = ConfigLoader.parse(configText, w.name() + ".petrel.conf", env);
            PetrelConfig cfg = assertInstanceOf(ConfigResult.Valid.class, r, w.name() + ": " + r.errors()).config();
            assertNotNull(passwordVariable, w.name() + ": no password from the Secret");
            for (PeerConfig p : cfg.peers()) {
                assertEquals(password, p.password().orElseThrow(() -> new AssertionError(p.name() + ": no MD5"))
                        .value(), w.name() + " peer " + p.name() + " takes the Secret's password");
            }
            for (dev.petrel.config.ListenRange lr : cfg.listenRanges()) {
                assertEquals(password, lr.peer().password().orElseThrow(() -> new AssertionError(lr.name()
                        + ": no MD5")).value(), w.name() + " listen range " + lr.name() + " takes the Secret's password");
            }
            assertFalse(cfg.peers().isEmpty() && cfg.listenRanges().isEmpty(), w.name() + ": no peer at all");
            Map<String, String> withoutSecret = new HashMap<>(env);
            withoutSecret.remove(passwordVariable);
            assertInstanceOf(ConfigResult.Invalid.class, ConfigLoader.parse(configText, "x", withoutSecret),
                    w.name() + ": without the Secret the configuration must be refused, not run unsigned");

            // Ports: what the container declares is what Petrel listens on.
            Set<Integer> declared = new TreeSet<>();
            for (JsonNode p : c.path("ports")) {
                declared.add(p.path("containerPort").asInt());
                if (hostNetwork) {
                    assertEquals(p.path("containerPort").asInt(), p.path("hostPort").asInt(), w.name());
                }
            }
            assertEquals(new TreeSet<>(cfg.listen().stream().map(l -> l.port()).toList()), declared, w.name());

            // Probes: curl (installed by the Containerfile) on the address admin.http binds, paths it serves.
            assertTrue(cfg.http().enabled(), w.name() + ": admin.http is off but the probes need it");
            checkProbe(w.name(), c.path("readinessProbe"), cfg, SpeakerHealth.READYZ);
            checkProbe(w.name(), c.path("livenessProbe"), cfg, SpeakerHealth.LIVEZ);
            assertTrue(cf.installs("curl"), "the probes run curl: the image must install it");

            // A read-only root: the admin socket's directory must be a volume.
            JsonNode sc = c.path("securityContext");
            if (sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                String dir = cfg.adminSocket().getParent().toString();
                assertTrue(mountOf.containsKey(dir), w.name() + ": " + dir + " (admin.socket) is not writable");
                assertTrue(volumes.get(mountOf.get(dir)).has("emptyDir"), w.name());
            }

            // Privileges: what the configuration needs, no more.
            Set<String> added = new HashSet<>();
            sc.at("/capabilities/add").forEach(n -> added.add(n.asText()));
            assertEquals("[\"ALL\"]", sc.at("/capabilities/drop").toString(), w.name());
            boolean privilegedPort = cfg.listen().stream().anyMatch(l -> l.port() < 1024);
            boolean kernel = cfg.kernel() != null && cfg.kernel().enabled();
            Set<String> needed = new HashSet<>();
            if (kernel) {
                needed.add("NET_ADMIN");
                assertTrue(hostNetwork, w.name() + ": kernel routes belong in the host's network namespace");
            }
            if (privilegedPort) {
                needed.add("NET_BIND_SERVICE");
            }
            assertEquals(needed, added, w.name() + ": capabilities");
            JsonNode user = sc.has("runAsUser") ? sc.path("runAsUser") : pod.at("/securityContext/runAsUser");
            if (needed.isEmpty()) {
                assertEquals(cf.user(), user.asText(), w.name() + ": runs as the image's unprivileged user");
                assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(false), w.name());
            } else {
                assertEquals(0, user.asInt(-1), w.name() + ": capabilities only work for root in Kubernetes");
            }
        }
    }

    private static void checkProbe(String workload, JsonNode probe, PetrelConfig cfg, String path) {
        List<String> cmd = new ArrayList<>();
        probe.at("/exec/command").forEach(n -> cmd.add(n.asText()));
        assertFalse(cmd.isEmpty(), workload + ": an exec probe for " + path);
        assertEquals("curl", cmd.get(0), workload);
        assertTrue(cmd.contains("-f") || cmd.stream().anyMatch(a -> a.matches("-[a-zA-Z]*f[a-zA-Z]*")),
                workload + ": curl without -f exits 0 on a 503");
        Matcher m = PROBE_URL.matcher(cmd.get(cmd.size() - 1));
        assertTrue(m.matches(), workload + ": " + cmd);
        assertEquals(cfg.http().address().address().getHostAddress(), m.group(1), workload + " " + path);
        assertEquals(cfg.http().address().port(), Integer.parseInt(m.group(2)), workload + " " + path);
        assertEquals(path, m.group(3), workload);
    }

    @Test
    void theContainerfileCopiesWhatExistsOrWhatItsBuildStageMakes() throws Exception {
        Containerfile cf = Containerfile.read();
        String pom = Files.readString(Path.of("daemon/pom.xml"));
        assertTrue(pom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"),
                "the daemon's pom copies its runtime dependencies to target/lib");
        for (Containerfile.Instruction i : cf.instructions()) {
            if (!i.keyword().equals("COPY")) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(i.args().split("\\s+")));
            String from = null;
            if (args.get(0).startsWith("--from=")) {
                from = args.remove(0).substring("--from=".length());
            }
            for (String src : args.subList(0, args.size() - 1)) {
                if (from == null) {
                    assertTrue(Files.exists(Path.of(src)), "COPY " + src + ": not in the repository");
                } else {
                    String stage = from;
                    String dir = src.replaceAll("/$", "");
                    assertTrue(cf.runsOfStage(stage).stream().anyMatch(r -> r.contains(dir)),
                            "COPY --from=" + stage + " " + src + ": no RUN of that stage makes it");
                }
            }
        }
        String build = String.join("\n", cf.runsOfStage("build"));
        assertTrue(build.matches("(?s).*\\bmvn\\b.*-pl daemon -am (clean )?package\\b.*"), build);
        assertTrue(build.contains("daemon/target/lib/"), "the dependencies come from the pom's copy");

        // The launcher the ENTRYPOINT runs: copied into PATH, running the real main class on the copied jars.
        assertEquals("petrel", cf.entrypoint().get(0));
        assertTrue(cf.instructions().stream().anyMatch(i -> i.keyword().equals("COPY")
                && i.args().equals("examples/k8s/petrel /usr/local/bin/petrel")));
        String launcher = Files.readString(DIR.resolve("petrel"));
        Matcher m = Pattern.compile("-cp '([^']+)/\\*' (\\S+) \"\\$@\"").matcher(launcher);
        assertTrue(m.find(), launcher);
        assertEquals(PetrelCommand.class.getName(), m.group(2));
        String libs = m.group(1);
        assertTrue(cf.instructions().stream().anyMatch(i -> i.keyword().equals("COPY")
                && i.args().endsWith(" " + libs + "/")), "the launcher's class path " + libs + " is copied");
        assertTrue(Files.isExecutable(DIR.resolve("petrel")), "the launcher is executable in the repository");
    }

    @Test
    void theSecretIsAPlaceholderWithTheWayToCreateIt() throws Exception {
        String text = Files.readString(DIR.resolve("secret.yaml"));
        assertTrue(text.contains("kubectl -n petrel create secret generic petrel-bgp-md5"), text);
        Obj s = find(objects(), "Secret", "petrel-bgp-md5");
        String v = secretValue(s, "password");
        assertTrue(v.contains("change-me"), "a placeholder, visibly");
        assertTrue(v.getBytes(StandardCharsets.UTF_8).length <= 80, "TCP_MD5SIG_MAXKEYLEN");
    }

    /** Just enough of a Containerfile's syntax: continuation lines, comments, stages, JSON-form ENTRYPOINT. */
    record Containerfile(List<Instruction> instructions) {
        record Instruction(String stage, String keyword, String args) {}

        static Containerfile read() throws IOException {
            List<Instruction> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            String stage = null;
            for (String raw : Files.readAllLines(DIR.resolve("Containerfile"))) {
                if (raw.strip().startsWith("#") && line.isEmpty() || raw.isBlank() && line.isEmpty()) {
                    continue;
                }
                if (raw.endsWith("\\")) {
                    line.append(raw, 0, raw.length() - 1).append(' ');
                    continue;
                }
                line.append(raw);
                String text = line.toString().strip().replaceAll("\\s+", " ");
                line.setLength(0);
                String keyword = text.split(" ", 2)[0].toUpperCase();
                String args = text.substring(keyword.length()).strip();
                if (keyword.equals("FROM")) {
                    String[] parts = args.split(" ");
                    stage = parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : parts[0];
                }
                out.add(new Instruction(stage, keyword, args));
            }
            return new Containerfile(out);
        }

        List<String> runsOfStage(String stage) {
            return instructions.stream().filter(i -> stage.equals(i.stage()) && i.keyword().equals("RUN"))
                    .map(Instruction::args).toList();
        }

        private String last(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b)
                    .map(Instruction::args).orElseThrow(() -> new AssertionError("no " + keyword));
        }

        List<String> entrypoint() throws IOException {
            List<String> out = new ArrayList<>();
            JSON.readTree(last("ENTRYPOINT")).forEach(n -> out.add(n.asText()));
            return out;
        }

        /** The ENTRYPOINT's arguments to the petrel command. */
        List<String> entrypointArgs() throws IOException {
            List<String> e = entrypoint();
            return e.subList(1, e.size());
        }

        String user() {
            return last("USER").split(":")[0];
        }

        boolean installs(String pkg) {
            String finalStage = instructions.get(instructions.size() - 1).stage();
            return runsOfStage(finalStage).stream().anyMatch(r -> r.contains("install") && r.matches(".*\\b"
                    + Pattern.quote(pkg) + "\\b.*"));
        }
    }
}
