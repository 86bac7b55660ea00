package io.callsight.archive;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One file per call, {@code <root>/<tenant>/<callId>.csrec}:
 *
 * <pre>
 * "CSRC" | u8 format (1) | i64 archived-at epoch ms | i32 length | sealed recording (length bytes) | SHA-256 of all before it
 * </pre>
 *
 * The checksum tells damage on disk ("corrupt") apart from tampering with the sealed content, which the envelope's
 * authentication tag catches when it is opened. Writes go to a temporary file in the same directory, are forced to
 * disk, then renamed over the final name (atomic on POSIX file systems), and the directory is forced too: a
 * reader sees the old file, the new file, or none, never a part. Temporary files a killed writer left behind are
 * never listed and are cleared once they are an hour old.
 */
public final class FileSystemRecordingStore implements RecordingStore {
    static final String SUFFIX = ".csrec";
    private static final String TEMP_MARK = ".tmp-";
    private static final byte[] MAGIC = {'C', 'S', 'R', 'C'};
    private static final int FORMAT = 1;
    private static final int HEADER_BYTES = MAGIC.length + 1 + 8 + 4;
    private static final int CHECKSUM_BYTES = 32;
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path root;
    private final Clock clock;

    public FileSystemRecordingStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public FileSystemRecordingStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Where the recording's file is (or would be). */
    public Path file(RecordingKey key) {
        Path file = root.resolve(key.tenant()).resolve(key.callId() + SUFFIX).normalize();
        if (!file.startsWith(root)) { // RecordingKey already forbids this; a second lock on the same door
            throw new IllegalArgumentException("recording " + key + " would leave the archive directory");
        }
        return file;
    }

    @Override
    public void put(RecordingKey key, byte[] sealed) throws IOException {
        Path file = file(key);
        Path dir = file.getParent();
        createPrivateDirectories(dir);
        byte[] contents = encode(sealed, clock.millis());
        Path temp = dir.resolve("." + key.callId() + SUFFIX + TEMP_MARK + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                restrictToOwner(temp);
                ByteBuffer buffer = ByteBuffer.wrap(contents);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the archive's file system cannot rename atomically (" + dir + "): "
                        + "recordings could be seen half-written, so none is written", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static byte[] encode(byte[] sealed, long archivedAtMs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + sealed.length + CHECKSUM_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(FORMAT);
            out.writeLong(archivedAtMs);
            out.writeInt(sealed.length);
            out.write(sealed);
            out.write(sha256(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    @Override
    public Optional<byte[]> get(RecordingKey key) throws IOException, CorruptRecordingException {
        byte[] contents;
        try {
            contents = Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(decode(contents, key).sealed);
    }

    private record Decoded(long archivedAtMs, byte[] sealed) {
    }

    private static Decoded decode(byte[] contents, RecordingKey key) throws CorruptRecordingException {
        if (contents.length < HEADER_BYTES + CHECKSUM_BYTES) {
            throw new CorruptRecordingException("recording " + key + " is truncated (" + contents.length + " bytes)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(contents))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new CorruptRecordingException("recording " + key + " is not a Callsight recording file");
            }
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new CorruptRecordingException("recording " + key + " has format " + format + ", this release reads " + FORMAT);
            }
            long archivedAt = in.readLong();
            int length = in.readInt();
            if (length < 0 || HEADER_BYTES + (long) length + CHECKSUM_BYTES != contents.length) {
                throw new CorruptRecordingException("recording " + key + " is truncated or padded: header says "
                        + length + " bytes of recording, the file has " + (contents.length - HEADER_BYTES - CHECKSUM_BYTES));
            }
            byte[] sealed = in.readNBytes(length);
            byte[] expected = in.readNBytes(CHECKSUM_BYTES);
            byte[] actual = sha256(java.util.Arrays.copyOf(contents, HEADER_BYTES + length));
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new CorruptRecordingException("recording " + key + " fails its checksum: damaged or changed on disk");
            }
            return new Decoded(archivedAt, sealed);
        } catch (EOFException e) {
            throw new CorruptRecordingException("recording " + key + " is truncated");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
    }

    @Override
    public List<StoredRecording> list(String tenant) throws IOException {
        Path dir = root.resolve(io.callsight.tenants.TenantId.require(tenant));
        List<StoredRecording> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.contains(TEMP_MARK)) {
                    clearIfStale(file);
                } else if (name.endsWith(SUFFIX)) {
                    out.add(new StoredRecording(new RecordingKey(tenant, name.substring(0, name.length() - SUFFIX.length())),
                            Files.size(file), archivedAt(file)));
                }
            }
        }
        out.sort(Comparator.comparing(StoredRecording::archivedAt).thenComparing(r -> r.key().callId()));
        return out;
    }

    /** The archived-at time from the file's header (not its mtime, which a copy or restore changes). */
    private static Instant archivedAt(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.skipNBytes(MAGIC.length + 1);
            return Instant.ofEpochMilli(in.readLong());
        } catch (EOFException e) {
            return Files.getLastModifiedTime(file).toInstant();
        }
    }

    private void clearIfStale(Path temp) throws IOException {
        if (Files.getLastModifiedTime(temp).toInstant().isBefore(clock.instant().minus(STALE_TEMP))) {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public List<String> tenants() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (io.callsight.tenants.TenantId.isValid(name)) {
                    out.add(name);
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean delete(RecordingKey key) throws IOException {
        boolean deleted = Files.deleteIfExists(file(key));
        if (deleted) {
            forceDirectory(file(key).getParent());
        }
        return deleted;
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its own access control applies
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    /** Makes the rename itself durable: without it a crash can lose the directory entry of a fsynced file. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some platforms cannot open a directory for reading; the file itself is on disk
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
