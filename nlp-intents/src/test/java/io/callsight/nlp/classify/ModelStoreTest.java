package io.callsight.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @Test
    void versionsCurrentAndDataHashFingerprint(@TempDir Path tmp) throws Exception {
        ModelStore s = new ModelStore(tmp);
        assertTrue(s.current("acme", "intents").isEmpty());
        Path v1 = s.nextVersion("acme", "intents");
        Map<String, Object> params = Map.of("dim", 64, "epochs", 8);
        ModelStore.writeManifest(v1, new Manifest("acme", "intents", "v1", "en", "abc", "2026-01-01T00:00:00Z", "k", params, Map.of()));
        assertEquals(v1, s.current("acme", "intents").orElseThrow());
        assertTrue(s.upToDate("acme", "intents", "abc", Map.of("epochs", 8, "dim", 64)).isPresent());
        assertTrue(s.upToDate("acme", "intents", "abd", params).isEmpty(), "other data hash → retrain");
        assertTrue(s.upToDate("acme", "intents", "abc", Map.of("dim", 100, "epochs", 8)).isEmpty(), "other params → retrain");
        Path v2 = s.nextVersion("acme", "intents");
        assertEquals("v2", v2.getFileName().toString());
        ModelStore.writeManifest(v2, new Manifest("acme", "intents", "v2", "en", "def", "2026-01-02T00:00:00Z", "k", params, Map.of()));
        assertEquals(List.of("v1", "v2"), s.versions("acme", "intents"));
        assertEquals(v2, s.current("acme", "intents").orElseThrow());
        s.setCurrent("acme", "intents", "v1"); // roll back
        assertEquals(v1, s.current("acme", "intents").orElseThrow());
        assertEquals("abc", ModelStore.readManifest(v1).dataHash());
        assertTrue(Files.readString(v1.resolve("manifest.json")).contains("\"dataHash\" : \"abc\""));
    }

    @Test
    void languageGuess() {
        assertEquals("zh", ModelStore.guessLanguage(List.of("打开微信", "播放音乐 please")));
        assertEquals("en", ModelStore.guessLanguage(List.of("open the app")));
    }
}
