package dev.petrel.daemon.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Problem;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.capture.BgpMessageRecord;
import dev.petrel.wire.capture.CaptureFormat;
import dev.petrel.wire.capture.CaptureProblem;
import dev.petrel.wire.capture.CaptureReader;
import dev.petrel.wire.capture.CaptureRecord;
import dev.petrel.wire.capture.Endpoint;
import dev.petrel.wire.capture.RibEntryRecord;
import dev.petrel.wire.capture.SessionContexts;
import dev.petrel.wire.capture.StateChangeRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code petrel decode FILE}: see the package documentation for formats and output. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a pcap/pcapng capture, an MRT dump or a raw stream of BGP messages into JSON lines,",
                "one object per message, with the RFC 7606 action a speaker would take."})
public final class DecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "capture, MRT dump or raw BGP stream (gzip/bzip2 ok)")
    Path file;

    @Option(names = "--summary", description = "print counts and the decode rate instead of JSON lines")
    boolean summary;

    @Option(names = "--two-octet-as", description = "assume a 2-octet-AS session where no OPEN or MRT subtype says")
    boolean twoOctetAs;

    @Option(names = "--add-path", split = ",", paramLabel = "FAMILY",
            description = "assume received ADD-PATH for these families (ipv4-unicast, ipv6-unicast)")
    List<String> addPath = List.of();

    @Option(names = "--ebgp", paramLabel = "PEER_AS",
            description = "assume an eBGP session with this peer AS (applies the eBGP-only RFC 7606 rules)")
    Long ebgpPeerAs;

    private SessionContext assumed;
    private SessionContexts contexts;
    private JsonGenerator json;
    private final Summary counts = new Summary();
    private PrintStream err = System.err;

    @Override
    public Integer call() throws IOException {
        assumed = assumedContext();
        // Guess AS width and ADD-PATH from the messages only when the user gave no assumption of their own.
        boolean guess = !twoOctetAs && addPath.isEmpty();
        contexts = new SessionContexts(assumed, guess, note -> err.println("petrel decode: " + note));
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        if (!summary) {
            json = new JsonFactory().createGenerator(out);
            json.setRootValueSeparator(null);
        }
        long start = System.nanoTime();
        CaptureFormat format;
        try {
            format = CaptureReader.read(file, this::handle);
        } catch (NoSuchFileException e) {
            err.println("petrel decode: no such file: " + file);
            return 2;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long nanos = System.nanoTime() - start;
        if (json != null) {
            json.flush();
        }
        out.flush();
        if (summary) {
            counts.print(System.out, format.name(), nanos);
        }
        return 0;
    }

    private SessionContext assumedContext() {
        SessionContext c = SessionContext.ASSUMED.withFourOctetAs(!twoOctetAs);
        if (!addPath.isEmpty()) {
            java.util.Set<Family> fams = new java.util.HashSet<>();
            for (String f : addPath) {
                fams.add(switch (f) {
                    case "ipv4-unicast" -> Family.IPV4_UNICAST;
                    case "ipv6-unicast" -> Family.IPV6_UNICAST;
                    default -> throw new picocli.CommandLine.ParameterException(
                            new picocli.CommandLine(this), "--add-path takes ipv4-unicast or ipv6-unicast, got " + f);
                });
            }
            c = c.withAddPath(fams, Set.of());
        }
        if (ebgpPeerAs != null) {
            c = c.withPeer(PeerType.EXTERNAL, 0, ebgpPeerAs, true);
        }
        return c;
    }

    private void handle(CaptureRecord record) {
        try {
            switch (record) {
                case BgpMessageRecord m -> message(m);
                case RibEntryRecord e -> ribEntry(e);
                case StateChangeRecord s -> counts.stateChanges++;
                case CaptureProblem p -> problem(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void message(BgpMessageRecord m) throws IOException {
        DecodeResult r = contexts.decode(m);
        emit(r, m.typeCode(), m.length(),
                new MessageJson.Origin(m.source(), text(m.from()), text(m.to()), null));
    }

    private void ribEntry(RibEntryRecord e) throws IOException {
        byte[] update = RibEntryUpdates.toUpdate(e.afi(), e.safi(), e.prefix(), e.pathId(), e.attributes());
        DecodeResult r = MessageDecoder.decode(update, contexts.contextFor(e));
        String subtype = RibEntryUpdates.lacksNextHop(e.afi(), e.safi(), e.attributes())
                ? e.subtype() + " (no next hop in the dump; :: stands in)" : e.subtype();
        emit(r, 2, update.length, new MessageJson.Origin(e.source(), text(e.peer()), null, subtype));
    }

    private void problem(CaptureProblem p) throws IOException {
        byte[] h = p.bytes();
        Problem reset = switch (p.kind()) {
            case BAD_MARKER -> Problem.reset(1, 1, Bytes.EMPTY, p.description());
            case BAD_LENGTH -> Problem.reset(1, 2, h.length >= 18 ? Bytes.of(h, 16, 2) : Bytes.EMPTY, p.description());
            case BAD_TYPE -> Problem.reset(1, 3, h.length >= 19 ? Bytes.of(h, 18, 1) : Bytes.EMPTY, p.description());
            case CONTAINER, TRUNCATED -> null;
        };
        if (reset == null) {
            counts.containerProblems++;
            err.println("petrel decode: " + p.source() + ": " + p.description());
            return;
        }
        emit(DecodeResult.reset(reset), h.length >= 19 ? h[18] & 0xff : -1, h.length,
                new MessageJson.Origin(p.source(), null, null, null));
    }

    private void emit(DecodeResult r, int headerType, int length, MessageJson.Origin origin) throws IOException {
        String type = r.message() != null ? r.message().type().name() : MessageJson.typeName(headerType);
        counts.count(type, r, length);
        if (json != null) {
            MessageJson.write(json, r, headerType, origin);
        }
    }

    private static String text(Endpoint e) {
        return e == null ? null : e.toString();
    }
}
