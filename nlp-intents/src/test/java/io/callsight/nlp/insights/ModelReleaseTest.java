package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELEASE file semantics in {@link ModelStore}: candidate + share, promote, rollback, and their errors. */
class ModelReleaseTest {
    @Test
    void releasePromoteRollback(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel"));
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "churn"));
        store.setCurrent("acme", "intents", "v1");
        assertEquals(new Release("v1", null, 0, null), store.release("acme", "intents"));

        store.startRelease("acme", "intents", "v2", 0.2);
        assertEquals(new Release("v1", "v2", 0.2, null), store.release("acme", "intents"));

        store.promote("acme", "intents");
        assertEquals(new Release("v2", null, 0, "v1"), store.release("acme", "intents"));
        assertEquals("v2", Files.readString(tmp.resolve("acme/intents/CURRENT")).trim(), "CURRENT follows promote");

        store.rollback("acme", "intents");
        assertEquals("v1", store.release("acme", "intents").current());

        store.startRelease("acme", "intents", "v2", 0.5);
        Release dropped = store.rollback("acme", "intents");
        assertNull(dropped.candidate(), "rollback with a candidate drops the candidate");
        assertEquals("v1", dropped.current());
    }

    @Test
    void withAnAutoCandidateShareANewlyTrainedVersionStartsAsCandidate(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel"));
        store.setAutoCandidate("acme", "intents", 0.1);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "churn")); // what training does: v2 + setCurrent
        assertEquals(new Release("v1", "v2", 0.1, null), store.release("acme", "intents"));
        assertEquals("v1", Files.readString(tmp.resolve("acme/intents/CURRENT")).trim());
        store.promote("acme", "intents");
        assertEquals(0.1, store.autoCandidateShare("acme", "intents"), "the policy survives promote");
        store.setCurrent("acme", "intents", "v1"); // pointing back to an older version is not a new version
        assertEquals("v1", store.release("acme", "intents").current());
        store.setAutoCandidate("acme", "intents", 0);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "x"));
        assertEquals("v3", store.release("acme", "intents").current(), "policy off: training sets current again");
    }

    @Test
    void badRequestsSayWhatIsWrong(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.promote("nobody", "intents"))
                .getMessage().contains("unknown tenant 'nobody'"));
        Files.createDirectories(tmp.resolve("acme"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.startRelease("acme", "intents", "v2", 0.1))
                .getMessage().contains("has no intents model"));
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.startRelease("acme", "intents", "v9", 0.1))
                .getMessage().contains("no intents model version 'v9' for tenant acme (have v1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.startRelease("acme", "intents", "v1", 1.5))
                .getMessage().contains("between 0 and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.promote("acme", "intents"))
                .getMessage().contains("no candidate to promote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.rollback("acme", "intents"))
                .getMessage().contains("nothing to roll back to"));
        Files.writeString(tmp.resolve("acme/intents/RELEASE"), "{oops");
        assertTrue(assertThrows(java.io.IOException.class, () -> store.release("acme", "intents"))
                .getMessage().contains("not valid JSON"));
    }
}
