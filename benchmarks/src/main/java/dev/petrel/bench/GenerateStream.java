package dev.petrel.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link FullTableStream} to a file.
 *
 * <pre>
 * GenerateStream --prefixes N --seed S --out FILE [--withdraw]
 * </pre>
 *
 * <p>Without {@code --withdraw} the file holds the announcements; with it, the withdrawals of the same prefixes.
 * Prints the counts of messages, prefixes and bytes, and the generation time.
 */
public final class GenerateStream {
    private static final String USAGE =
            "usage: GenerateStream --prefixes N --seed S --out FILE [--withdraw]\n"
                    + "  --prefixes N  distinct IPv4 prefixes, 0 to " + FullTableStream.MAX_PREFIXES
                    + " (default 1000000; 1_000_000 is accepted)\n"
                    + "  --seed S      the random seed, a long (default 1)\n"
                    + "  --out FILE    where to write the BGP UPDATE messages (required)\n"
                    + "  --withdraw    write the withdrawals of those prefixes instead of their announcements";

    private GenerateStream() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int prefixes = 1_000_000;
        long seed = 1;
        Path file = null;
        boolean withdraw = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--prefixes" -> prefixes = Integer.parseInt(value(args, ++i).replace("_", ""));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i).replace("_", ""));
                    case "--out" -> file = Path.of(value(args, ++i));
                    case "--withdraw" -> withdraw = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--out FILE is required");
            }
            if (prefixes < 0 || prefixes > FullTableStream.MAX_PREFIXES) {
                throw new IllegalArgumentException(
                        "--prefixes must be in [0, " + FullTableStream.MAX_PREFIXES + "]: " + prefixes);
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included.
            err.println("GenerateStream: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        long t0 = System.nanoTime();
        byte[] stream = withdraw
                ? FullTableStream.generateWithdrawals(prefixes, seed)
                : FullTableStream.generate(prefixes, seed);
        long nanos = System.nanoTime() - t0;
        try {
            Files.write(file, stream);
        } catch (IOException e) {
            err.println("GenerateStream: cannot write " + file + ": " + e);
            return 1;
        }
        out.printf("%s: %d messages, %d prefixes %s, %d bytes (seed %d, generated in %.0f ms)%n",
                file, countMessages(stream), prefixes, withdraw ? "withdrawn" : "announced", stream.length, seed,
                nanos / 1e6);
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The number of messages in a stream of complete messages, read from their length fields. */
    static int countMessages(byte[] stream) {
        int count = 0;
        for (int at = 0; at < stream.length; count++) {
            at += ((stream[at + 16] & 0xFF) << 8) | (stream[at + 17] & 0xFF);
        }
        return count;
    }
}
