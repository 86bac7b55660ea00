package io.callsight.tts.prompt;

import static io.callsight.tts.prompt.TelephonyFormat.FRAME_BYTES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCacheTest {
    private static final SentenceKey A = key("Welcome.");
    private static final SentenceKey B = key("Goodbye.");
    private static final SentenceKey C = key("Please hold.");
    private static final SentenceKey D = key("One moment.");

    @Test
    void evictsTheLeastRecentlyUsedOnceOverItsByteBound() {
        PromptCache cache = PromptCache.inMemory(3 * FRAME_BYTES);
        cache.put(A, frames(1, 1));
        cache.put(B, frames(1, 2));
        cache.put(C, frames(1, 3));
        cache.get(A); // B is now the least recently used
        cache.put(D, frames(1, 4));

        assertTrue(cache.get(A).isPresent());
        assertTrue(cache.get(B).isEmpty(), "B should have been evicted");
        assertTrue(cache.get(C).isPresent());
        assertTrue(cache.get(D).isPresent());
        PromptCache.CacheStats stats = cache.stats();
        assertEquals(3 * FRAME_BYTES, stats.memoryBytes());
        assertEquals(1, stats.evictions());
    }

    @Test
    void neverHoldsMoreThanItsBoundWhateverTheEntrySizes() {
        PromptCache cache = PromptCache.inMemory(10 * FRAME_BYTES);
        for (int i = 0; i < 50; i++) {
            cache.put(key("sentence " + i), frames(1 + i % 4, i));
            assertTrue(cache.stats().memoryBytes() <= 10 * FRAME_BYTES, "over bound after entry " + i);
        }
    }

    @Test
    void anEntryLargerThanTheBoundIsNotKeptAndEvictsNothing() {
        PromptCache cache = PromptCache.inMemory(2 * FRAME_BYTES);
        cache.put(A, frames(1, 1));
        cache.put(B, frames(3, 2));
        assertTrue(cache.get(A).isPresent());
        assertTrue(cache.get(B).isEmpty());
    }

    @Test
    void aDiskCacheServesAnotherInstanceWithTheSameDirectory(@TempDir Path dir) {
        PromptCache.onDisk(10 * FRAME_BYTES, dir).put(A, frames(2, 7));

        PromptCache restarted = PromptCache.onDisk(10 * FRAME_BYTES, dir);
        assertArrayEquals(frames(2, 7), restarted.get(A).orElseThrow());
        assertEquals(1, restarted.stats().entries(), "a disk hit is kept in memory too");
    }

    @Test
    void aTruncatedFileOnDiskIsAMiss(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(A.digest() + ".ulaw"), new byte[FRAME_BYTES + 3]);
        assertTrue(PromptCache.onDisk(10 * FRAME_BYTES, dir).get(A).isEmpty());
    }

    @Test
    void theKeyChangesWithEngineVoiceAndText() {
        SentenceKey base = new SentenceKey("marytts-5.2.1/cmu-slt-hsmm", "CUSTOMER|pitch=|rate=|effects=", "Hello.");
        assertNotEquals(base.digest(), new SentenceKey("marytts-5.2.2/cmu-slt-hsmm", base.voiceFingerprint(), "Hello.").digest());
        assertNotEquals(base.digest(), new SentenceKey(base.engineVersion(), "CUSTOMER|pitch=-5%|rate=|effects=", "Hello.").digest());
        assertNotEquals(base.digest(), new SentenceKey(base.engineVersion(), base.voiceFingerprint(), "Hello!").digest());
        assertEquals(base.digest(), new SentenceKey(base.engineVersion(), base.voiceFingerprint(), "Hello.").digest());
    }

    @Test
    void noneKeepsNothing() {
        PromptCache cache = PromptCache.none();
        cache.put(A, frames(1, 1));
        assertTrue(cache.get(A).isEmpty());
    }

    private static SentenceKey key(String text) {
        return new SentenceKey("test-engine", "voice", text);
    }

    private static byte[] frames(int count, int fill) {
        byte[] audio = new byte[count * FRAME_BYTES];
        Arrays.fill(audio, (byte) fill);
        return audio;
    }
}
