package io.callsight.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses to start servers on a nearly full disk: Kafka and ES fail late and confusingly there. */
public final class DiskSpace {

    public static final long MIN_FREE_BYTES = 1L << 30;

    private DiskSpace() {}

    public static void requireFree(Path dir, long minFreeBytes, String purpose) {
        long usable = usableBytes(dir);
        if (usable < minFreeBytes) {
            throw new StackException(String.format(
                    "only %d MiB free on the filesystem of %s; %s needs at least %d MiB: free some space or use another --data-dir",
                    usable >> 20, dir, purpose, minFreeBytes >> 20));
        }
    }

    static long usableBytes(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new StackException("cannot find an existing parent directory of " + dir);
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new StackException("cannot read free disk space of " + existing + ": " + e.getMessage(), e);
        }
    }
}
