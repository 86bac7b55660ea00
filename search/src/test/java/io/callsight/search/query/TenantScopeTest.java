package io.callsight.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneTenantIsATermFilterAndSeveralATermsFilter() throws Exception {
        assertEquals("acme", TenantScope.of("acme").filter().term().value().stringValue());
        assertEquals("acme", JSON.readTree(TenantScope.of("acme").filterJson()).at("/term/tenant").asText());
        assertEquals(2, TenantScope.of(List.of("acme", "globex")).filter().terms().terms().value().size());
        assertEquals("globex", JSON.readTree(TenantScope.of(List.of("acme", "globex")).filterJson()).at("/terms/tenant/1").asText());
    }

    @Test
    void aTenantIdCannotBreakOutOfTheJsonFilter() throws Exception {
        String hostile = "acme\"}}, {\"match_all\": {";
        assertEquals(hostile, JSON.readTree(TenantScope.of(hostile).filterJson()).at("/term/tenant").asText());
    }

    @Test
    void documentsFetchedByIdAreCheckedAgainstTheScope() {
        TenantScope acme = TenantScope.of("acme");
        assertTrue(acme.allows(Map.of("tenant", "acme", "callId", "c1")));
        assertFalse(acme.allows(Map.of("tenant", "globex", "callId", "c1")));
        assertFalse(acme.allows(Map.of("callId", "c1")), "a document without a tenant belongs to nobody's scope");
        assertFalse(acme.allows((Map<?, ?>) null));
    }

    @Test
    void aScopeNamesAtLeastOneTenant() {
        assertThrows(IllegalArgumentException.class, () -> TenantScope.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TenantScope.of(" "));
    }
}
