package io.callsight.tts.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encoded telephony audio of static sentences, so a prompt a flow says on every call is synthesized once.
 *
 * <p>Memory is bounded by bytes, least recently used first out. With a directory, entries are also written
 * there (one file per {@link SentenceKey#digest()}, written atomically) and read back on a memory miss, so a
 * restarted gateway does not synthesize its flows again; the directory only ever holds static prompt text,
 * never slot values, and is not bounded: its size is that of the flows' prompts.
 */
public final class PromptCache {
    private final long maxMemoryBytes;
    private final Path directory;
    private final LinkedHashMap<SentenceKey, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long memoryBytes;
    private long hits;
    private long misses;
    private long evictions;
    private long diskWriteFailures;

    private PromptCache(long maxMemoryBytes, Path directory) {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("negative cache size " + maxMemoryBytes);
        }
        this.maxMemoryBytes = maxMemoryBytes;
        this.directory = directory;
    }

    /** A cache in memory only, holding at most {@code maxMemoryBytes} of audio (8 KB per second of speech). */
    public static PromptCache inMemory(long maxMemoryBytes) {
        return new PromptCache(maxMemoryBytes, null);
    }

    /** A memory cache backed by {@code directory}, which is created if absent. */
    public static PromptCache onDisk(long maxMemoryBytes, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create prompt cache directory " + directory, e);
        }
        return new PromptCache(maxMemoryBytes, directory);
    }

    /** A cache that keeps nothing: every sentence is synthesized. */
    public static PromptCache none() {
        return new PromptCache(0, null);
    }

    /** The sentence's frames, from memory or disk; callers must not modify the array. */
    synchronized Optional<byte[]> get(SentenceKey key) {
        byte[] audio = entries.get(key);
        if (audio == null && directory != null) {
            audio = readFromDisk(key);
            if (audio != null) {
                remember(key, audio);
            }
        }
        if (audio == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(audio);
    }

    synchronized void put(SentenceKey key, byte[] audio) {
        remember(key, audio);
        if (directory != null) {
            writeToDisk(key, audio);
        }
    }

    public synchronized CacheStats stats() {
        return new CacheStats(entries.size(), memoryBytes, maxMemoryBytes, hits, misses, evictions, diskWriteFailures);
    }

    private void remember(SentenceKey key, byte[] audio) {
        if (audio.length > maxMemoryBytes) {
            return; // would evict everything and still not fit
        }
        byte[] previous = entries.put(key, audio);
        memoryBytes += audio.length - (previous == null ? 0 : previous.length);
        Iterator<Map.Entry<SentenceKey, byte[]>> eldestFirst = entries.entrySet().iterator();
        while (memoryBytes > maxMemoryBytes) {
            Map.Entry<SentenceKey, byte[]> eldest = eldestFirst.next();
            memoryBytes -= eldest.getValue().length;
            eldestFirst.remove();
            evictions++;
        }
    }

    private byte[] readFromDisk(SentenceKey key) {
        try {
            byte[] audio = Files.readAllBytes(file(key));
            // A truncated file (disk full, foreign file) would shift every later frame: treat it as a miss.
            return audio.length % TelephonyFormat.FRAME_BYTES == 0 ? audio : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached prompt " + file(key), e);
        }
    }

    /**
     * A failed write is counted, not thrown: the audio is in hand and the caller is waiting for it, and a
     * full disk must not silence the bot. The sentence is then synthesized again after a restart.
     */
    private void writeToDisk(SentenceKey key, byte[] audio) {
        Path target = file(key);
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            Files.write(temp, audio);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            diskWriteFailures++;
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // already counted as a failed write; a stray .tmp file is never read
            }
        }
    }

    private Path file(SentenceKey key) {
        return directory.resolve(key.digest() + ".ulaw");
    }

    /** What the cache holds and how often it helped, for the gateway's metrics. */
    public record CacheStats(int entries, long memoryBytes, long maxMemoryBytes, long hits, long misses,
                             long evictions, long diskWriteFailures) {
    }
}
