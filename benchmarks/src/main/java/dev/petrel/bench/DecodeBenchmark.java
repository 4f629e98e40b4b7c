package dev.petrel.bench;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Update;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a full-table stream: one operation is one prefix, so the score is prefixes per second on one core and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per prefix.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DecodeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecodeBenchmark {
    static final int PREFIXES = 1_000_000;

    private CodecState state;

    @Setup
    public void setup() {
        state = new CodecState(PREFIXES, 1);
    }

    /** Decode every UPDATE of the table with full RFC 7606 checks, and touch each prefix. */
    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public void decodeFullTable(Blackhole bh) {
        byte[] s = state.stream;
        int[] off = state.offsets;
        int[] len = state.lengths;
        for (int i = 0; i < off.length; i++) {
            DecodeResult r = MessageDecoder.decode(s, off[i], len[i], CodecState.CONTEXT);
            Update u = (Update) r.message();
            bh.consume(u.attributes());
            var nlri = (dev.petrel.wire.nlri.Ipv4PrefixList) u.nlri();
            for (int k = 0; k < nlri.size(); k++) {
                bh.consume(nlri.address(k));
            }
        }
    }
}
