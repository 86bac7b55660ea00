package io.callsight.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A recording is either complete or absent, never half-written, also when the writer is killed mid-write": a child
 * JVM writes 20 MB recordings in a loop and is SIGKILLed (no shutdown hooks, no finally blocks) while writing.
 * Every file a reader can see must then be whole; the temp file of the interrupted write must not be listed; and the
 * next write of the same call must succeed.
 */
class KilledMidWriteTest {
    private static final int MEGABYTES = 20;
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesWholeRecordingsOrNone() throws Exception {
        FileSystemRecordingStore store = new FileSystemRecordingStore(dir);
        int written = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // the first kill waits for a temp file to appear (certainly mid-write), the others land anywhere
            written += runAndKill(kill == 0 ? -1 : 40 + 70 * kill);

            Path tenantDir = dir.resolve(KilledWriter.TENANT);
            List<Path> visible;
            try (Stream<Path> files = Files.list(tenantDir)) {
                visible = files.filter(f -> f.getFileName().toString().endsWith(FileSystemRecordingStore.SUFFIX)).toList();
            }
            List<StoredRecording> listed = store.list(KilledWriter.TENANT);
            assertEquals(visible.size(), listed.size(), "only finished files are listed: " + listed);
            assertTrue(listed.size() >= 1 && listed.size() <= KilledWriter.KEYS, listed.toString());
            for (StoredRecording r : listed) {
                byte[] sealed = store.get(r.key()).orElseThrow(); // checksum verified here
                assertEquals(MEGABYTES << 20, sealed.length, r.key().toString());
                assertTrue(KilledWriter.whole(sealed), r.key() + " mixes two writes");
            }
        }
        long interrupted;
        try (Stream<Path> files = Files.list(dir.resolve(KilledWriter.TENANT))) {
            interrupted = files.filter(f -> f.getFileName().toString().contains(".tmp-")).count();
        }
        // a kill between two writes proves less; the temp files left behind say how many kills hit a write
        System.out.printf("killed the writer %d times (%d mid-write, temp file left behind) after %d whole writes%n",
                KILLS, interrupted, written);

        RecordingKey again = KilledWriter.key(0);
        byte[] next = KilledWriter.recording(42, 1 << 20);
        store.put(again, next);
        assertArrayEquals(next, store.get(again).orElseThrow());
    }

    /**
     * Starts the writer, lets it finish one recording, kills it {@code delayMs} into the next ones, or (negative
     * delay) as soon as it has a temp file open.
     */
    private int runAndKill(long delayMs) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), dir.toString(),
                String.valueOf(MEGABYTES))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lines = 0;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // one whole recording exists before the kill
            assertTrue(first != null && first.startsWith("wrote"), "the writer did not start: " + first);
            lines = 1;
            if (delayMs >= 0) {
                Thread.sleep(delayMs);
            } else {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (!hasTempFile() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            writer.destroyForcibly(); // SIGKILL on POSIX
            assertTrue(writer.waitFor(10, TimeUnit.SECONDS), "the writer did not die");
        }
        return lines;
    }

    private boolean hasTempFile() {
        try (Stream<Path> files = Files.list(dir.resolve(KilledWriter.TENANT))) {
            return files.anyMatch(f -> f.getFileName().toString().contains(".tmp-"));
        } catch (java.io.IOException e) {
            return false; // a file renamed while listing
        }
    }
}
