package dev.petrel.interop.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted BGP speaker in a namespace ({@link ScriptedSpeakerMain} in a JVM of its own, like {@link Petrel}):
 * it brings a session up with the least a session needs, then sends exactly the bytes a test gives it, malformed
 * or not, which BIRD and FRR cannot be made to do. Its log is what it reports ({@code ESTABLISHED}, {@code SENT
 * NAME}, {@code RECV NOTIFICATION c/s}, {@code CLOSED}); every wait is on those lines.
 */
public final class ScriptedSpeaker implements AutoCloseable {

    private final ManagedProcess process;
    private final Path commands;
    private int sent;

    private ScriptedSpeaker(ManagedProcess process, Path commands) {
        this.process = process;
        this.commands = commands;
    }

    /** Starts it in {@code ns}; it connects from {@code local} to {@code peer}:179 as AS {@code as}. */
    public static ScriptedSpeaker start(TestNetwork net, Netns ns, String local, String peer, long as, String bgpId,
            int holdSeconds) {
        Path dir = net.dir("speaker-" + ns.name());
        Path commands = dir.resolve("commands");
        try {
            Files.createDirectories(commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(Petrel.javaBinary(), "-XX:+UseSerialGC", "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-cp", Petrel.classPath(), ScriptedSpeakerMain.class.getName(),
                "--local", local, "--peer", peer, "--as", Long.toString(as), "--id", bgpId,
                "--hold", Integer.toString(holdSeconds), "--commands", commands.toString()));
        ManagedProcess p = net.start("speaker-" + ns.name(), ns, cmd);
        return new ScriptedSpeaker(p, commands);
    }

    public ManagedProcess process() {
        return process;
    }

    /** Waits until the session is up (the peer's KEEPALIVE after the OPENs). */
    public void awaitEstablished(Duration timeout) {
        Await.until("scripted speaker established", timeout, () -> {
            process.requireAlive();
            return log();
        }, l -> l.lines().anyMatch("ESTABLISHED"::equals), l -> tail(l));
    }

    /** Sends {@code message} (raw bytes) and waits until the speaker has written it to the socket. */
    public void send(String label, byte[] message, Duration timeout) {
        String name = String.format("%04d-%s", sent++, label.replaceAll("[^A-Za-z0-9_-]", "_"));
        try {
            Path tmp = commands.resolve(name + ".tmp");
            Files.writeString(tmp, BgpMessages.hex(message), StandardCharsets.US_ASCII);
            Files.move(tmp, commands.resolve(name + ".hex"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("scripted speaker sent " + name, timeout, () -> {
            process.requireAlive();
            return log();
        }, l -> l.lines().anyMatch(("SENT " + name)::equals), l -> tail(l));
    }

    /** Whether the peer ended the session: a NOTIFICATION received, or the connection closed. */
    public boolean sessionEnded() {
        String l = log();
        return l.contains("RECV NOTIFICATION") || l.lines().anyMatch("CLOSED"::equals) || !process.isAlive();
    }

    public String log() {
        return process.log();
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.close();
    }
}
