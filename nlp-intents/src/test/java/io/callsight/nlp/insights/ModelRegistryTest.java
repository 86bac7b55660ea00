package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.Track;
import io.callsight.nlp.classify.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private String intentOf(UtteranceAnalyzer analyzer, String text) {
        return analyzer.analyze("acme", "call-1", Track.CUSTOMER, 0, text).insight().intent();
    }

    @Test
    void aNewCurrentVersionIsPickedUpAfterTheRefreshIntervalWithoutReopening(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service"));
        ModelRegistry registry = new ModelRegistry(tmp, 5000, clock::get);
        UtteranceAnalyzer analyzer = new UtteranceAnalyzer(registry);
        assertEquals("cancel_service", intentOf(analyzer, "i want to cancel"));
        assertEquals("v1", registry.tenant("acme").intents().version());

        TinyModels.write(store, "acme", "intents", Map.of("cancel", "churn_risk")); // v2, CURRENT → v2
        clock.addAndGet(4000);
        assertEquals("cancel_service", intentOf(analyzer, "i want to cancel"), "not re-checked before the interval");
        clock.addAndGet(1000);
        assertEquals("churn_risk", intentOf(analyzer, "i want to cancel"));
        assertEquals("v2", analyzer.analyze("acme", "c", Track.CUSTOMER, 1, "cancel").insight().intentModel());

        store.rollback("acme", "intents");
        clock.addAndGet(5000);
        assertEquals("cancel_service", intentOf(analyzer, "i want to cancel"), "rollback reaches the running analyzer");
    }

    @Test
    void unchangedFilesKeepTheSameSnapshotAndModelsAreLoadedOnce(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service"));
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "churn_risk"));
        store.setCurrent("acme", "intents", "v1");
        ModelRegistry registry = new ModelRegistry(tmp, 5000, clock::get);
        TenantModels first = registry.tenant("acme");
        clock.addAndGet(10_000);
        assertSame(first, registry.tenant("acme"), "nothing changed: no reload");

        store.startRelease("acme", "intents", "v2", 0.5);
        clock.addAndGet(10_000);
        TenantModels second = registry.tenant("acme");
        assertSame(first.intents(), second.intents(), "v1 stays in memory, only v2 is loaded");
        assertEquals("v2", second.intentCandidate().version());
    }

    @Test
    void aBrokenEditKeepsTheLastGoodModelsButAFirstLoadFailsClearly(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service"));
        ModelRegistry registry = new ModelRegistry(tmp, 5000, clock::get);
        TenantModels good = registry.tenant("acme");
        Files.writeString(tmp.resolve("acme/tenant.yaml"), "redact: [card, fingerprints]\n");
        clock.addAndGet(5000);
        assertSame(good, registry.tenant("acme"));

        ModelRegistry fresh = new ModelRegistry(tmp, 5000, clock::get);
        String message = assertThrows(IllegalStateException.class, () -> fresh.tenant("acme")).getMessage();
        assertTrue(message.contains("tenant.yaml:1: unknown redaction categories [fingerprints]"), message);
        assertEquals(message, assertThrows(IllegalStateException.class, () -> fresh.tenant("acme")).getMessage(),
                "the same clear error until the file is fixed");

        Files.writeString(tmp.resolve("acme/tenant.yaml"), "redact: [card]\n");
        clock.addAndGet(5000);
        assertEquals(java.util.Set.of(io.callsight.nlp.redaction.PiiCategory.CARD),
                fresh.tenant("acme").settings().redaction().categories(), "fixed file: the tenant loads");
    }

    @Test
    void aTenantWithoutModelsGetsNoIntentAndAMalformedIdIsRejected(@TempDir Path tmp) {
        ModelRegistry registry = new ModelRegistry(tmp, 5000, clock::get);
        TenantModels none = registry.tenant("newco");
        assertNull(none.intents());
        assertNull(none.sentimentFor("c", io.callsight.nlp.text.Language.EN));
        assertThrows(UnknownTenantException.class, () -> registry.tenant("../etc"));
        assertThrows(UnknownTenantException.class, () -> registry.tenant("ACME"));
        assertThrows(UnknownTenantException.class, () -> registry.tenant(""));
    }

    @Test
    void acquireSharesOneRegistryPerRootUntilTheLastRelease(@TempDir Path tmp) {
        ModelRegistry a = ModelRegistry.acquire(tmp, 5000);
        ModelRegistry b = ModelRegistry.acquire(tmp.resolve("."), 5000);
        assertSame(a, b);
        assertEquals(2, ModelRegistry.users(tmp));
        a.release();
        assertEquals(1, ModelRegistry.users(tmp));
        b.release();
        assertEquals(0, ModelRegistry.users(tmp));
        ModelRegistry c = ModelRegistry.acquire(tmp, 5000);
        assertTrue(c != a, "a new registry after the last release");
        c.release();
    }
}
