package io.callsight.tenants.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.tenants.LogCapture;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Role;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tenants.crypto.AudioHookSecrets;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.MasterKeyException;
import io.callsight.tenants.crypto.ShreddedException;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantAdminTest {
    @TempDir
    Path dir;

    private TenantPaths paths() {
        return TenantPaths.resolve(dir, null, Map.of());
    }

    private TenantAdmin admin() throws Exception {
        if (!Files.exists(paths().masterKeyFile())) {
            MasterKey.generate(paths().masterKeyFile());
        }
        return new TenantAdmin(paths(), Map.of());
    }

    private ApiKeyAuthenticator authenticator(TenantAdmin admin) {
        return new ApiKeyAuthenticator(admin::registry);
    }

    @Test
    void addIssueRevokeAndRemove() throws Exception {
        TenantAdmin admin = admin();
        TenantAdmin.Added added = admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
        assertEquals(1, added.kekVersion());
        assertFalse(added.keysRestored());
        assertThrows(IllegalArgumentException.class, () -> admin.add(TenantSpec.of("acme-bank", "Again")));

        IssuedApiKey key = admin.createKey("acme-bank", Role.INGEST);
        assertEquals("acme-bank", authenticator(admin).authenticate(key.key()).orElseThrow().tenantId());
        assertFalse(Files.readString(paths().registry()).contains(key.key().substring(21)), "only the hash is stored");

        admin.revokeKey("acme-bank", key.stored().id());
        assertTrue(authenticator(admin).authenticate(key.key()).isEmpty());
        assertTrue(admin.keys("acme-bank").get(0).revoked());

        IssuedApiKey qa = admin.createKey("acme-bank", Role.QA);
        TenantAdmin.Removed removed = admin.remove("acme-bank", false);
        assertEquals(2, removed.apiKeys());
        assertFalse(removed.shredded());
        assertTrue(authenticator(admin).authenticate(qa.key()).isEmpty(), "a removed tenant's keys fail");
        assertThrows(IllegalArgumentException.class, () -> admin.createKey("nope", Role.QA));
    }

    @Test
    void removeWithoutShredCanBeUndoneAndWithShredCannot() throws Exception {
        TenantAdmin admin = admin();
        admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
        EnvelopeCipher cipher = new EnvelopeCipher(admin.keyring());
        byte[] recording = cipher.seal("acme-bank", "call-1", new byte[] {1, 2, 3}).bytes();

        admin.remove("acme-bank", false);
        TenantAdmin.Added back = admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
        assertTrue(back.keysRestored());
        assertEquals(3, cipher.open("acme-bank", "call-1", recording).length, "old recordings open again");

        TenantAdmin.Removed shredded = admin.remove("acme-bank", true);
        assertTrue(shredded.shredded());
        ShreddedException e = assertThrows(ShreddedException.class, () -> cipher.open("acme-bank", "call-1", recording));
        assertTrue(e.getMessage().contains("cannot be decrypted by anyone"), e.getMessage());
        TenantAdmin.Added fresh = admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
        assertFalse(fresh.keysRestored());
        assertEquals(2, fresh.kekVersion());
        assertThrows(ShreddedException.class, () -> cipher.open("acme-bank", "call-1", recording));
    }

    @Test
    void theAudioHookSecretIsStoredEncryptedAndBoundToItsTenant() throws Exception {
        TenantAdmin admin = admin();
        admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
        admin.add(TenantSpec.of("nova-telecom", "Nova"));
        AudioHookSecrets.Rotated rotated = admin.rotateSecret("acme-bank");
        String yaml = Files.readString(paths().registry());
        assertFalse(yaml.contains(rotated.secret()));
        AudioHookSecrets secrets = new AudioHookSecrets(admin.master());
        assertEquals(rotated.secret(), secrets.reveal(admin.tenant("acme-bank")).orElseThrow());
        assertTrue(secrets.reveal(admin.tenant("nova-telecom")).isEmpty());

        // copied into another tenant's entry, it does not decrypt
        var copied = admin.tenant("nova-telecom").withAudioHookSecret(admin.tenant("acme-bank").audioHookSecret().orElseThrow());
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> secrets.reveal(copied));
        assertTrue(e.getMessage().contains("tenant 'nova-telecom'"), e.getMessage());
        assertFalse(e.getMessage().contains(rotated.secret()));

        String second = admin.rotateSecret("acme-bank").secret();
        assertEquals(second, secrets.reveal(admin.tenant("acme-bank")).orElseThrow());
    }

    @Test
    void aWrongMasterKeyStopsAdminCommandsThatNeedIt() throws Exception {
        admin().add(TenantSpec.of("acme-bank", "Acme Bank"));
        String other = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
        TenantAdmin wrong = new TenantAdmin(paths(), Map.of(TenantPaths.ENV_MASTER_KEY, other));
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> wrong.rotateKek("acme-bank"));
        assertTrue(e.getMessage().contains("environment variable CALLSIGHT_MASTER_KEY is not the one"), e.getMessage());
        // listing and issuing keys need no master key
        assertEquals(0, wrong.keys("acme-bank").size());
        wrong.createKey("acme-bank", Role.QA);
    }

    @Test
    void noKeyOrSecretEverReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            TenantAdmin admin = admin();
            admin.add(TenantSpec.of("acme-bank", "Acme Bank"));
            for (Role r : Role.values()) {
                IssuedApiKey k = admin.createKey("acme-bank", r);
                secrets.add(k.key());
                secrets.add(k.key().substring(21));
                secrets.add(k.stored().hash().substring(7));
                authenticator(admin).authenticate(k.key());
                authenticator(admin).authenticate(k.key().substring(0, 30) + "x".repeat(34));
                admin.revokeKey("acme-bank", k.stored().id());
                authenticator(admin).authenticate(k.key());
            }
            for (int i = 0; i < 3; i++) {
                secrets.add(admin.rotateSecret("acme-bank").secret());
            }
            admin.rotateKek("acme-bank");
            secrets.add(Files.readString(paths().masterKeyFile()).strip());
            Path demo = DemoTenants.ensure(paths(), Map.of(), DemoTenants.SPECS);
            JsonNode keys = new ObjectMapper().readTree(demo.toFile());
            keys.path("tenants").forEach(t -> {
                secrets.add(t.path("ingest").path("key").asText());
                secrets.add(t.path("qa").path("key").asText());
                secrets.add(t.path("audiohook_secret").asText());
            });
            assertTrue(logs.events().size() > 5, "the capture works: " + logs.events());
            String all = logs.all();
            for (String s : secrets) {
                assertTrue(s.length() >= 20, s.length() + "");
                assertFalse(all.contains(s), "a secret reached the log:\n" + all);
                // key ids are public and logged; the 16 characters after the id are secret
                String probe = s.startsWith("csk_") ? s.substring(21, 37) : s.substring(0, 16);
                assertFalse(all.contains(probe), "part of a secret reached the log:\n" + all);
            }
        }
    }

    @Test
    void everyFileIsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(PrivateFiles.posix());
        TenantPaths paths = TenantPaths.resolve(dir.resolve("data"), null, Map.of());
        Path demo = DemoTenants.ensure(paths, Map.of(), DemoTenants.SPECS);
        for (Path f : List.of(paths.registry(), paths.keyring(), paths.masterKeyFile(), demo, paths.lockFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.dataDir())),
                "a data dir we create is owner-only");
    }

    @Test
    void demoProvisioningIsIdempotent() throws Exception {
        Path demo = DemoTenants.ensure(paths(), Map.of(), DemoTenants.SPECS);
        assertEquals(paths().demoKeys(), demo);
        String first = Files.readString(demo);
        String registry = Files.readString(paths().registry());
        TenantAdmin admin = new TenantAdmin(paths(), Map.of());
        assertEquals(List.of("acme-bank", "nova-telecom", "shield-insurance"),
                admin.registry().tenants().stream().map(t -> t.id()).toList());
        JsonNode keys = new ObjectMapper().readTree(first);
        for (String t : List.of("acme-bank", "nova-telecom", "shield-insurance")) {
            for (Role r : List.of(Role.INGEST, Role.QA)) {
                var p = authenticator(admin).authenticate(keys.path("tenants").path(t).path(r.id()).path("key").asText()).orElseThrow();
                assertEquals(t, p.tenantId());
                assertEquals(r, p.role());
            }
            assertEquals(keys.path("tenants").path(t).path("audiohook_secret").asText(),
                    new AudioHookSecrets(admin.master()).reveal(admin.tenant(t)).orElseThrow());
        }

        assertEquals(demo, DemoTenants.ensure(paths(), Map.of(), DemoTenants.SPECS));
        assertEquals(first, Files.readString(demo), "second run keeps the keys");
        assertEquals(registry, Files.readString(paths().registry()), "and the registry");

        // a revoked demo key is replaced, the others are kept
        String ingestId = keys.path("tenants").path("acme-bank").path("ingest").path("key_id").asText();
        admin.revokeKey("acme-bank", ingestId);
        DemoTenants.ensure(paths(), Map.of(), DemoTenants.SPECS);
        JsonNode after = new ObjectMapper().readTree(demo.toFile());
        assertFalse(after.path("tenants").path("acme-bank").path("ingest").path("key_id").asText().equals(ingestId));
        assertEquals(keys.path("tenants").path("acme-bank").path("qa"), after.path("tenants").path("acme-bank").path("qa"));
        assertEquals(3, TenantRegistryFile.read(paths().registry()).size());
    }
}
