package dev.petrel.bench;

import dev.petrel.wire.Update;
import dev.petrel.wire.UpdateEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding the same full table: each decoded route group (one attribute set, its prefixes) is packed into UPDATEs
 * for a 4-octet-AS session, as Adj-RIB-Out will do. One operation is one prefix.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EncodeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EncodeBenchmark {
    static final int PREFIXES = 1_000_000;

    private List<Update> updates;
    private ByteBuf out;

    @Setup
    public void setup() {
        CodecState state = new CodecState(PREFIXES, 1);
        updates = state.decodeAll();
        out = Unpooled.directBuffer(state.stream.length + (1 << 20));
    }

    @TearDown
    public void release() {
        out.release();
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public void encodeFullTable(Blackhole bh) {
        out.clear();
        int messages = 0;
        for (Update u : updates) {
            messages += UpdateEncoder.announce(u.attributes(), null, u.nlri(), CodecState.CONTEXT, out);
        }
        bh.consume(messages);
        bh.consume(out.writerIndex());
    }
}
