package dev.microsim.faults.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * The exclusive lock a run holds on its dataset directory ({@value #FILE}) for as long as it
 * writes there. The operating system releases it when the process dies, however it dies, so it
 * says "a run is alive here" without trusting pids (which are reused) or heartbeats (which stop
 * while no fault is applied): a second run on the same directory is refused, and
 * {@code microsim recover} refuses to touch a live run.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir} (created if needed).
     *
     * @throws IllegalStateException if another run (in any process) holds it
     */
    public static RunLock acquire(Path dir) {
        return acquire(dir, FILE, file -> new IllegalStateException(dir + ": another run is writing this dataset right now (" + FILE + " is locked)"));
    }

    /**
     * Takes the lock file {@code fileName} in {@code dir}, for anything else that must own a directory
     * while it lives (a suite run owns its output directory); {@code busy} makes the error thrown when
     * another process or thread holds it.
     */
    public static RunLock acquire(Path dir, String fileName, Function<Path, RuntimeException> busy) {
        Path file = dir.resolve(fileName);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw busy.apply(file);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when a live run holds the lock of {@code dir}; false when there is no lock file or nobody holds it. */
    public static boolean isHeld(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException sameJvm) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes {@code dir}'s lock file when nobody holds it: a run killed after its manifest was marked
     * complete but before it let go of its lock leaves the file behind in a finished dataset.
     */
    public static void removeStale(Path dir) {
        if (isHeld(dir)) return;
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock and removes the file (removed while still held, so no other run can be fooled by it). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            System.err.println("microsim: cannot release " + file + ": " + e.getMessage());
        }
    }
}
