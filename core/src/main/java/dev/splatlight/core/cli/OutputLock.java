package dev.splatlight.core.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per output folder: an operating-system lock on {@code .splatlight.lock} inside it, held while a program
 * writes there. The system releases it when the process ends however it ends, so a crashed run leaves no stale lock;
 * the file's text (process id and start time) only makes the refusal say who holds it.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".splatlight.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (which must exist) for {@code what}, or refuses in one line naming the holder. */
    public static OutputLock acquire(Path dir, String what) {
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) { // held by this very process
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new BadInputException(dir + ": in use by another " + (holder.isEmpty() ? "run" : holder)
                        + "; wait for it to finish or choose another folder");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((what + " (process " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new OutputLock(channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new BadInputException(file + ": cannot lock the output folder (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process's end releases it anyway
        }
    }
}
