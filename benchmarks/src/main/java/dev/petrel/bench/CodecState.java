package dev.petrel.bench;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark input: a realistic IPv4 full-table stream from {@link FullTableStream}, framed once, decoded on a
 * 4-octet-AS eBGP session with the neighbour's AS checked (as a ToR or transit session would be).
 */
final class CodecState {
    static final SessionContext CONTEXT = SessionContext.ASSUMED.withExtendedMessage(false)
            .withPeer(PeerType.EXTERNAL, 64512, FullTableStream.NEIGHBOUR_AS, true);

    final byte[] stream;
    final int[] offsets;
    final int[] lengths;
    final int prefixes;

    CodecState(int prefixCount, long seed) {
        stream = FullTableStream.generate(prefixCount, seed);
        List<int[]> frames = new ArrayList<>();
        for (int p = 0; p < stream.length; ) {
            int len = Framing.check(stream, p, stream.length - p, Framing.MAX_LENGTH);
            if (len < 0) {
                throw new IllegalStateException("generator produced an unframeable message at " + p);
            }
            frames.add(new int[] {p, len});
            p += len;
        }
        offsets = frames.stream().mapToInt(f -> f[0]).toArray();
        lengths = frames.stream().mapToInt(f -> f[1]).toArray();
        int n = 0;
        for (int i = 0; i < offsets.length; i++) {
            DecodeResult r = MessageDecoder.decode(stream, offsets[i], lengths[i], CONTEXT);
            if (!r.problems().isEmpty()) {
                throw new IllegalStateException("generated message " + i + " has problems: " + r.problems());
            }
            n += ((Update) r.message()).nlri().size();
        }
        if (n != prefixCount) {
            throw new IllegalStateException("decoded " + n + " prefixes, generated " + prefixCount);
        }
        prefixes = n;
    }

    List<Update> decodeAll() {
        List<Update> out = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            out.add((Update) MessageDecoder.decode(stream, offsets[i], lengths[i], CONTEXT).message());
        }
        return out;
    }
}
