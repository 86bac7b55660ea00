package io.callsight.jobs.archive;

import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingArchive;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyring;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the recording archive is ({@code --archive DIR}) and where the tenants' keyring and master key are
 * ({@code --data-dir}; the master key may also come from {@code CALLSIGHT_MASTER_KEY}). Shipped to the task
 * managers, which open the archive once per JVM.
 *
 * @param graceMs how long after a call's ENDED event the archive waits for tracks that have not ended to end
 */
public record ArchiveSettings(String archiveDir, String dataDir, long graceMs) implements Serializable {
    private static final Map<ArchiveSettings, RecordingArchive> OPEN = new ConcurrentHashMap<>();

    /** The archive for these settings, opened on first use; a wrong or missing master key fails here, clearly. */
    public RecordingArchive open() {
        return OPEN.computeIfAbsent(this, s -> {
            TenantPaths paths = TenantPaths.resolve(Path.of(s.dataDir), null, System.getenv());
            TenantKeyring keyring = TenantKeyring.open(paths.keyring(), MasterKey.load(paths, System.getenv()));
            return new RecordingArchive(new FileSystemRecordingStore(Path.of(s.archiveDir)), new EnvelopeCipher(keyring));
        });
    }
}
