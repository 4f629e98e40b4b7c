/**
 * Jazzer fuzz targets for the wire codec: {@link dev.petrel.wire.fuzz.MessageDecoderFuzzTest} (one message, on 32
 * session contexts chosen by the first input octet) and {@link dev.petrel.wire.fuzz.StreamFuzzTest} (a stream of
 * messages on an established session), both checked by the oracles of {@code FuzzOracles}.
 *
 * <h2>Regression mode (every {@code mvn test})</h2>
 *
 * Without {@code JAZZER_FUZZ} the targets are ordinary parameterized tests that replay the empty input and every file
 * under {@code src/test/resources/dev/petrel/wire/fuzz/<Class>Inputs/<method>/}: hand-made valid and malformed
 * messages, and the inputs of past findings.
 *
 * <pre>
 * mvn -B -o -pl bgp-wire test -Dtest='dev.petrel.wire.fuzz.**' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <h2>Fuzzing</h2>
 *
 * One target per run (Jazzer fuzzes a single {@code @FuzzTest} per JVM), for the annotation's 60 seconds:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl bgp-wire test -Dtest=MessageDecoderFuzzTest
 * JAZZER_FUZZ=1 mvn -B -o -pl bgp-wire test -Dtest=StreamFuzzTest
 * </pre>
 *
 * For longer, pass libFuzzer flags as JUnit configuration parameters. Jazzer 0.24 has no duration property of its
 * own; it appends these flags after the annotation's {@code -max_total_time}, so the later value wins.
 * {@code jazzer.internal.arg.0} stands for argv[0] and is not used:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl bgp-wire test -Dtest=MessageDecoderFuzzTest \
 *     -Djazzer.internal.arg.0=fake_argv0 -Djazzer.internal.arg.1=-max_total_time=3600
 * </pre>
 *
 * ({@code -max_total_time=0} fuzzes until interrupted; more flags go in {@code jazzer.internal.arg.2}, and so on.)
 *
 * <p>What a run leaves behind, relative to the reactor root (Surefire's working directory): the corpus it grew in
 * {@code .cifuzz-corpus/} (ignored by git; delete it to start over), and for a finding a {@code crash-<sha1>} file
 * with the input. Fix the codec, then move that file into the target's inputs directory above under a name that
 * says what it was, so that every later {@code mvn test} replays it.
 *
 * <h2>Input layout of MessageDecoderFuzzTest</h2>
 *
 * Octet 0 selects the session context (bit 0 4-octet AS, bit 1 ADD-PATH, bit 2 iBGP, bit 3 extended messages,
 * bit 4 extended next hop and the leftmost-AS check); with bit 7 set the harness writes the marker and a correct
 * length itself, and the input continues with the message type. The rest is the message.
 *
 * <h2>JDK 25</h2>
 *
 * Jazzer 0.24.0 runs on JDK 25 in both modes. Its shaded ASM does not read class files of version 69, so it prints
 * "Failed to instrument java/..." warnings and JDK classes get none of its sanitizer hooks; Petrel's classes,
 * compiled with {@code --release 21}, are instrumented for coverage as usual.
 */
package dev.petrel.wire.fuzz;
