package io.helklab.home;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on an appliance home, so two appliances never share one.
 *
 * <p>The claim is an operating-system file lock on {@code run/helk-lab.lock}: the kernel releases it
 * when the process dies, even after SIGKILL, so a stale lock never blocks a restart. The holder's
 * pid is written to {@code run/helk-lab.pid} to name it in the refusal message. Claiming a home also makes it
 * {@linkplain OwnerOnly owner-only}.
 */
public final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private HomeLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /**
     * Claims the home or fails at once.
     *
     * @throws HomeInUseException if another appliance holds it
     */
    public static HomeLock acquire(Path home) throws IOException {
        OwnerOnly.restrictHome(home);
        Path run = home.resolve("run");
        Files.createDirectories(run);
        Path lockFile = run.resolve("helk-lab.lock");
        Path pidFile = run.resolve("helk-lab.pid");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            channel.close();
            throw new HomeInUseException(home, ProcessHandle.current().pid());
        } catch (IOException failure) {
            channel.close();
            throw failure;
        }
        if (lock == null) {
            channel.close();
            throw new HomeInUseException(home, readPid(pidFile));
        }
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        return new HomeLock(channel, lock, pidFile);
    }

    /**
     * Fails with the holder's pid when another appliance holds {@code home}; creates nothing. Called before the
     * ports are checked, since a second start on the same home would otherwise only hear that a port is busy.
     *
     * @throws HomeInUseException if another appliance holds it
     */
    public static void requireUnclaimed(Path home) {
        if (isHeld(home)) {
            throw new HomeInUseException(home, readPid(home.resolve("run").resolve("helk-lab.pid")));
        }
    }

    /**
     * Whether some process holds the claim on {@code home} right now. Asked by another process (a CLI command)
     * before trusting the ready file, whose pid may have been reused after a crash. Creates nothing.
     */
    public static boolean isHeld(Path home) {
        Path lockFile = home.resolve("run").resolve("helk-lab.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException noLockFile) {
            return false;
        }
    }

    private static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
    }

    /** Releases the claim and removes the pid file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(pidFile);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
