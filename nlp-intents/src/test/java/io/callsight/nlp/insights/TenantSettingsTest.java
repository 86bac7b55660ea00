package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.redaction.PiiCategory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {
    @Test
    void readsRedactionAndVocabulary() {
        TenantSettings s = TenantSettings.parse("tenant.yaml", """
                redact: [card, phone]
                min_digit_run: 8
                vocabulary: [Nova Telecom]
                """);
        assertEquals(Set.of(PiiCategory.CARD, PiiCategory.PHONE), s.redaction().categories());
        assertEquals(8, s.redaction().minDigitRun());
        assertEquals(List.of("Nova Telecom"), s.vocabulary());
        assertEquals(TenantSettings.defaults(), TenantSettings.parse("tenant.yaml", "  \n"));
        assertTrue(TenantSettings.parse("t", "redact: []\n").redaction().categories().isEmpty());
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        String m = assertThrows(TenantSettings.InvalidTenantConfigException.class, () -> TenantSettings.parse("t.yaml", """
                redact: [card, retina]
                min_digit_run: lots
                colour: blue
                """)).getMessage();
        assertTrue(m.contains("t.yaml:1: unknown redaction categories [retina]"), m);
        assertTrue(m.contains("t.yaml:2: min_digit_run must be a whole number"), m);
        assertTrue(m.contains("t.yaml:3:") && m.contains("colour"), m);
        String syntax = assertThrows(TenantSettings.InvalidTenantConfigException.class,
                () -> TenantSettings.parse("t.yaml", "redact: [card\n")).getMessage();
        assertTrue(syntax.startsWith("t.yaml:"), syntax);
    }
}
