package dev.petrel.interop.harness;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The program behind {@link ScriptedSpeaker}: a BGP speaker that does the least a session needs and sends whatever
 * bytes it is told to, well-formed or not. It connects from {@code --local} to {@code --peer}:179 (retrying every
 * 500 ms), sends an OPEN (AS, hold time, BGP ID, capabilities Multiprotocol IPv4 unicast and 4-octet AS), answers
 * the peer's OPEN with a KEEPALIVE, then sends a KEEPALIVE every third of the hold time. Every file
 * {@code NAME.hex} that appears in {@code --commands} (in name order) is a BGP message in hex, sent as is.
 *
 * <p>It reports on standard output, one line each: {@code CONNECTED}, {@code RECV OPEN|KEEPALIVE|UPDATE len},
 * {@code ESTABLISHED} (the peer's first KEEPALIVE after both OPENs), {@code RECV NOTIFICATION code/subcode hex},
 * {@code SENT NAME}, and {@code CLOSED} when the peer closes the connection, after which it exits.
 *
 * <p>Arguments: {@code --local ADDR --peer ADDR --as N --id A.B.C.D --hold SECONDS --commands DIR}.
 */
public final class ScriptedSpeakerMain {
    private static final Object OUT = new Object();
    /** Set by the reader once the peer's OPEN arrived: KEEPALIVEs before it would be an FSM error. */
    private static volatile boolean openReceived;

    private ScriptedSpeakerMain() {
    }

    public static void main(String[] argv) throws Exception {
        String local = null;
        String peer = null;
        long as = 0;
        String id = null;
        int hold = 9;
        Path commands = null;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--local" -> local = argv[i + 1];
                case "--peer" -> peer = argv[i + 1];
                case "--as" -> as = Long.parseLong(argv[i + 1]);
                case "--id" -> id = argv[i + 1];
                case "--hold" -> hold = Integer.parseInt(argv[i + 1]);
                case "--commands" -> commands = Path.of(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
            }
        }
        Socket s = connect(local, peer);
        say("CONNECTED " + s.getLocalSocketAddress() + " -> " + s.getRemoteSocketAddress());
        OutputStream out = s.getOutputStream();
        send(out, BgpMessages.open(as, hold, id));
        Thread reader = new Thread(() -> read(s, out), "reader");
        reader.setDaemon(true);
        reader.start();
        long keepaliveNanos = Math.max(1, hold / 3) * 1_000_000_000L;
        long nextKeepalive = System.nanoTime() + keepaliveNanos;
        Set<String> done = new HashSet<>();
        while (reader.isAlive()) {
            if (openReceived && System.nanoTime() - nextKeepalive >= 0) {
                send(out, BgpMessages.keepalive());
                nextKeepalive = System.nanoTime() + keepaliveNanos;
            }
            try (Stream<Path> files = Files.list(commands)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (done.add(name)) {
                        byte[] msg = HexFormat.of().parseHex(Files.readString(f, StandardCharsets.US_ASCII).strip());
                        send(out, msg);
                        say("SENT " + name.substring(0, name.length() - 4));
                    }
                }
            }
            Thread.sleep(50);
        }
        say("CLOSED");
        System.exit(0);
    }

    private static Socket connect(String local, String peer) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Socket s = new Socket();
            try {
                s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
                s.connect(new InetSocketAddress(InetAddress.getByName(peer), 179), 2000);
                s.setTcpNoDelay(true);
                return s;
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                say("CONNECT FAILED " + e.getMessage());
                Thread.sleep(500);
            }
        }
    }

    private static void read(Socket s, OutputStream out) {
        boolean openSeen = false;
        boolean established = false;
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                byte[] header = new byte[19];
                in.readFully(header);
                int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
                int type = header[18] & 0xff;
                byte[] body = new byte[Math.max(0, len - 19)];
                in.readFully(body);
                switch (type) {
                    case 1 -> {
                        say("RECV OPEN");
                        openSeen = true;
                        send(out, BgpMessages.keepalive());
                        openReceived = true;
                    }
                    case 2 -> say("RECV UPDATE " + len);
                    case 3 -> say("RECV NOTIFICATION " + (body.length > 0 ? body[0] & 0xff : -1) + "/"
                            + (body.length > 1 ? body[1] & 0xff : -1) + " "
                            + HexFormat.of().formatHex(body, Math.min(2, body.length), body.length));
                    case 4 -> {
                        say("RECV KEEPALIVE");
                        if (openSeen && !established) {
                            established = true;
                            say("ESTABLISHED");
                        }
                    }
                    default -> say("RECV TYPE " + type + " " + len);
                }
            }
        } catch (EOFException e) {
            // the peer closed the connection
        } catch (IOException e) {
            say("READ FAILED " + e);
        }
    }

    private static void send(OutputStream out, byte[] msg) throws IOException {
        synchronized (out) {
            out.write(msg);
            out.flush();
        }
    }

    static void say(String line) {
        synchronized (OUT) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
