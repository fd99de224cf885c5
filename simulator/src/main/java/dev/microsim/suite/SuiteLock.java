package dev.microsim.suite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * OUT/suite.lock, held while a suite runs into OUT: two suite runs on one directory would delete
 * and redo each other's cases. An OS file lock, so a killed suite leaves no stale lock behind (the
 * file stays; the lock goes with the process).
 */
final class SuiteLock implements AutoCloseable {
    static final String FILE = "suite.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SuiteLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static SuiteLock acquire(Path out) throws IOException {
        Path file = out.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(out + " is in use by another suite run (" + file
                    + " is locked): wait for it to end, or give another --out");
        }
        return new SuiteLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
