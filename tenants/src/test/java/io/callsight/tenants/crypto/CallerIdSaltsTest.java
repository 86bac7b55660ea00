package io.callsight.tenants.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerIdSaltsTest {
    @TempDir
    Path dir;

    @Test
    void oneSaltPerTenantAndMasterKeyStableAcrossRestarts() throws Exception {
        MasterKey master = MasterKey.generate(dir.resolve("a.key"));
        String acme = new CallerIdSalts(master).forTenant("acme");
        assertEquals(64, acme.length(), "256 bits, hex");
        assertEquals(acme, new CallerIdSalts(MasterKey.fromFile(dir.resolve("a.key"))).forTenant("acme"),
                "live ingest and import, in different processes, derive the same salt");
        assertNotEquals(acme, new CallerIdSalts(master).forTenant("nova"), "tenants' hashes cannot be linked");
        assertNotEquals(acme, new CallerIdSalts(MasterKey.generate(dir.resolve("b.key"))).forTenant("acme"),
                "another deployment's master key, other salts");
        assertFalse(new CallerIdSalts(master).toString().contains(acme), "never printed");
    }
}
