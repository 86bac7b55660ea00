package io.callsight.tenants.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.TenantPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path dir;

    private TenantPaths paths() {
        return TenantPaths.resolve(dir, null, Map.of());
    }

    @Test
    void generatesAnOwnerOnlyFileAndLoadsIt() throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.generate(file);
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        MasterKey loaded = MasterKey.load(paths(), Map.of());
        assertTrue(loaded.source().contains(file.toString()));
        assertFalse(loaded.toString().contains(Files.readString(file).strip()));
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> MasterKey.generate(file));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        Assumptions.assumeTrue(PrivateFiles.posix());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aMissingKeyIsAClearErrorNamingTheFile() {
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> MasterKey.load(paths(), Map.of()));
        assertTrue(e.getMessage().startsWith("no master key: " + dir.resolve("master.key") + " does not exist"), e.getMessage());
        Path elsewhere = dir.resolve("kms/mk");
        e = assertThrows(MasterKeyException.class, () -> MasterKey.load(TenantPaths.resolve(dir, null,
                Map.of(TenantPaths.ENV_MASTER_KEY_FILE, elsewhere.toString())), Map.of()));
        assertTrue(e.getMessage().contains(elsewhere.toString()), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongSizeOrNotBase64IsRefusedNamingTheSource() throws Exception {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        MasterKeyException e = assertThrows(MasterKeyException.class,
                () -> MasterKey.load(paths(), Map.of(TenantPaths.ENV_MASTER_KEY, short16)));
        assertEquals("environment variable CALLSIGHT_MASTER_KEY holds 16 bytes; a master key is 32 bytes (44 base64 characters)",
                e.getMessage());
        Files.writeString(dir.resolve("master.key"), "this is not base64!!\n");
        e = assertThrows(MasterKeyException.class, () -> MasterKey.load(paths(), Map.of()));
        assertTrue(e.getMessage().startsWith("master key file " + dir.resolve("master.key") + " is not valid base64"), e.getMessage());
        assertFalse(e.getMessage().contains("this is not"), "the content is not echoed");
    }

    @Test
    void theEnvironmentVariableWinsOverTheFile() throws Exception {
        MasterKey.generate(dir.resolve("master.key"));
        String inline = Base64.getEncoder().encodeToString(AesGcm.randomBytes(32));
        MasterKey k = MasterKey.load(paths(), Map.of(TenantPaths.ENV_MASTER_KEY, inline));
        assertEquals("environment variable CALLSIGHT_MASTER_KEY", k.source());
    }

    @Test
    void aWrongMasterKeyIsDetectedWhenTheKeyringOpens() throws Exception {
        MasterKey right = MasterKey.generate(dir.resolve("master.key"));
        TenantKeyring.open(dir.resolve("keyring.json"), right).ensure("acme-bank");
        MasterKey wrong = MasterKey.fromBase64(Base64.getEncoder().encodeToString(AesGcm.randomBytes(32)), "environment variable X");
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> TenantKeyring.open(dir.resolve("keyring.json"), wrong));
        assertTrue(e.getMessage().startsWith("the master key from environment variable X is not the one the keyring "
                + dir.resolve("keyring.json") + " was created with"), e.getMessage());
        // the right one still works
        assertEquals(1, TenantKeyring.open(dir.resolve("keyring.json"), right).currentKek("acme-bank").version());
    }

    @Test
    void wrappingIsBoundToItsAad() throws Exception {
        MasterKey k = MasterKey.generate(dir.resolve("master.key"));
        byte[] w = k.wrap(new byte[] {1, 2, 3}, AesGcm.aad("a", "t1"));
        assertArrayEquals(new byte[] {1, 2, 3}, k.unwrap(w, AesGcm.aad("a", "t1")));
        assertThrows(javax.crypto.AEADBadTagException.class, () -> k.unwrap(w, AesGcm.aad("a", "t2")));
        assertFalse(Arrays.equals(AesGcm.aad("x", "ab", "c"), AesGcm.aad("x", "a", "bc")), "fields are length-prefixed");
    }

    @Test
    void aKekMovedToAnotherTenantInTheKeyringDoesNotUnwrap() throws Exception {
        MasterKey k = MasterKey.generate(dir.resolve("master.key"));
        Path file = dir.resolve("keyring.json");
        TenantKeyring ring = TenantKeyring.open(file, k);
        ring.ensure("acme-bank");
        ring.ensure("nova-telecom");
        String json = Files.readString(file);
        String acmeWrapped = json.replaceAll("(?s).*\"acme-bank\".*?\"wrapped\" : \"([^\"]+)\".*", "$1");
        String novaWrapped = json.replaceAll("(?s).*\"nova-telecom\".*?\"wrapped\" : \"([^\"]+)\".*", "$1");
        Files.writeString(file, json.replace(novaWrapped, acmeWrapped));
        UnknownKeyException e = assertThrows(UnknownKeyException.class,
                () -> TenantKeyring.open(file, k).currentKek("nova-telecom"));
        assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
    }

    @Test
    void theKeyringIsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(PrivateFiles.posix());
        TenantKeyring ring = TenantKeyring.open(dir.resolve("keyring.json"), MasterKey.generate(dir.resolve("master.key")));
        ring.ensure("acme-bank");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ring.file())));
    }
}
