package io.callsight.tenants;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owner-only files written so that a reader (another service polling the file) sees the old content or the new,
 * never half of it, and a crash or power cut leaves one of the two: temp file in the same directory, fsync,
 * rename over the target, fsync the directory.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    /** In-JVM half of {@link #lock}: a FileLock is per process, so two threads of one JVM need this as well. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private PrivateFiles() {
    }

    /** An exclusive lock held until {@link #close()}. */
    public interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * Takes an exclusive lock on {@code lockFile} (created 0600 if missing), blocking until other processes and
     * threads release it, so read-modify-write cycles of two CLI invocations do not lose each other's change.
     * Reentrant within a thread.
     */
    public static Lock lock(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        jvm.lock();
        if (jvm.getHoldCount() > 1) {
            return jvm::unlock;
        }
        try {
            createDirectories(key.getParent());
            if (!Files.exists(key)) {
                try {
                    if (posix()) {
                        Files.createFile(key, PosixFilePermissions.asFileAttribute(OWNER_RW));
                    } else {
                        Files.createFile(key);
                    }
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another process created it first: fine, it is only a lock
                }
            }
            FileChannel ch = FileChannel.open(key, StandardOpenOption.WRITE);
            java.nio.channels.FileLock fileLock;
            try {
                fileLock = ch.lock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return () -> {
                try {
                    fileLock.release();
                    ch.close();
                } finally {
                    jvm.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            jvm.unlock();
            throw e;
        }
    }

    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and parents) if missing; a directory it creates is owner-only. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Replaces {@code target} with {@code content} atomically; the result has mode 0600 on POSIX. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        FileAttribute<?>[] attrs = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
                : new FileAttribute<?>[0];
        // created 0600 from the start: a chmod after writing would leave a window where the content is readable
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is then best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems refuse; the rename is still atomic, only its durability is weaker
        }
    }

    /** True if group or others may read or write {@code file} (always false where there are no POSIX modes). */
    public static boolean readableByOthers(Path file) throws IOException {
        if (!posix()) {
            return false;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
