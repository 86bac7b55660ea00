package io.callsight.archive;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where sealed recordings are kept. A recording is either there whole or not at all: {@link #put} must be atomic
 * (a reader never sees half a file, also when the writer dies mid-write) and durable when it returns. The local file
 * system is the default ({@link FileSystemRecordingStore}); docs/recording-archive.md says how an object store plugs in.
 */
public interface RecordingStore {

    /** Stores (or replaces) the recording; durable once this returns. */
    void put(RecordingKey key, byte[] sealed) throws IOException;

    /** The sealed bytes, checked against their checksum; empty when there is no such recording. */
    Optional<byte[]> get(RecordingKey key) throws IOException, CorruptRecordingException;

    /** The tenant's recordings, oldest first. */
    List<StoredRecording> list(String tenant) throws IOException;

    /** Tenants that have any recording. */
    List<String> tenants() throws IOException;

    /** Deletes the recording; false when there was none. */
    boolean delete(RecordingKey key) throws IOException;
}
