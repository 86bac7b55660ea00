package io.callsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CallerIdsTest {
    @Test
    void aSaltedHashDiffersPerTenantAndIsStable() {
        String a = CallerIds.hash("salt-a", "+15550142");
        assertEquals(24, a.length());
        assertEquals(a, CallerIds.hash("salt-a", "+15550142"));
        assertNotEquals(a, CallerIds.hash("salt-b", "+15550142"));
        assertNotEquals(a, CallerIds.hash("+15550142"));
    }

    @Test
    void noNumberNoHashAndNoSaltIsTheUnsaltedHash() {
        assertNull(CallerIds.hash("salt", ""));
        assertNull(CallerIds.hash("salt", null));
        assertEquals(CallerIds.hash("+15550142"), CallerIds.hash("", "+15550142"));
    }
}
