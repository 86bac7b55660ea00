package io.callsight.archive;

import io.callsight.tenants.Retention;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantAdmin;
import io.callsight.tenants.admin.TenantSpec;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyring;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A data dir with two tenants (acme: 30 days of recordings, globex: the default year), its master key and keyring,
 * and an archive under {@code <data dir>/recordings}, as the speech job and the CLI lay it out.
 */
final class TestTenants {
    static final String ACME = "acme";
    static final String GLOBEX = "globex";

    final TenantPaths paths;
    final TenantAdmin admin;
    final EnvelopeCipher cipher;
    final FileSystemRecordingStore store;
    final RecordingArchive archive;

    private TestTenants(Path dataDir, Clock clock) {
        paths = TenantPaths.resolve(dataDir, null, Map.of());
        DemoTenants.ensure(paths, Map.of(), List.of(
                new TenantSpec(ACME, "Acme", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30)),
                TenantSpec.of(GLOBEX, "Globex")));
        admin = new TenantAdmin(paths, Map.of());
        cipher = new EnvelopeCipher(TenantKeyring.open(paths.keyring(), MasterKey.load(paths, Map.of())));
        store = new FileSystemRecordingStore(dataDir.resolve("recordings"), clock);
        archive = new RecordingArchive(store, cipher);
    }

    static TestTenants in(Path dataDir) {
        return new TestTenants(dataDir, Clock.systemUTC());
    }

    static TestTenants in(Path dataDir, Clock clock) {
        return new TestTenants(dataDir, clock);
    }
}
