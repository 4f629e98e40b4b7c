package dev.petrel.daemon.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One namespace demo at a time on a machine: the namespaces have fixed names ({@code pdemo-n1}...), so a second
 * run would tear down the first one's as leftovers. A lock on a file in the temporary directory (an fcntl lock, which
 * the kernel releases when its process dies, so a killed demo never leaves it held); the second run waits for it.
 */
final class DemoLock implements AutoCloseable {
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "petrel-demo.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private DemoLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code timeout} for another demo to finish.
     *
     * @param waiting called once if the lock is held by another demo, before waiting
     */
    static DemoLock acquire(Duration timeout, Runnable waiting) throws IOException {
        FileChannel ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long end = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM (another thread's demo)
                }
                if (l != null) {
                    return new DemoLock(ch, l);
                }
                if (System.nanoTime() - end >= 0) {
                    throw new DemoFailure("another petrel demo kept " + FILE + " locked for " + timeout.toSeconds()
                            + " s");
                }
                if (!told) {
                    waiting.run();
                    told = true;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while waiting for another petrel demo to finish");
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
