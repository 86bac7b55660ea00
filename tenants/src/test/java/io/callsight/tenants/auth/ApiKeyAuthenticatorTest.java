package io.callsight.tenants.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.ApiKey;
import io.callsight.tenants.LogCapture;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
    private final ApiKeys keys = new ApiKeys();
    private final IssuedApiKey acmeIngest = keys.create("acme-bank", Role.INGEST);
    private final IssuedApiKey acmeQa = keys.create("acme-bank", Role.QA);
    private final IssuedApiKey novaQa = keys.create("nova-telecom", Role.QA);
    private final AtomicReference<TenantRegistry> registry = new AtomicReference<>(new TenantRegistry(List.of(
            tenant("acme-bank", acmeIngest.stored(), acmeQa.stored()), tenant("nova-telecom", novaQa.stored()))));
    private final ApiKeyAuthenticator auth = new ApiKeyAuthenticator(registry::get);

    private static Tenant tenant(String id, ApiKey... keys) {
        return new Tenant(id, id, List.of("en"), ZoneId.of("UTC"), new Retention(1, 1), List.of(keys), Optional.empty());
    }

    @Test
    void theKeyFormatIsPrefixIdAndA256BitSecret() {
        assertTrue(acmeIngest.key().matches("csk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}"), acmeIngest.key());
        assertTrue(acmeIngest.key().contains(acmeIngest.stored().id()));
        assertTrue(acmeIngest.stored().hash().matches(ApiKey.HASH.pattern()));
        assertFalse(acmeIngest.stored().hash().contains(acmeIngest.key().substring(21)), "the hash is not the secret");
        assertNotEquals(keys.create("a", Role.QA).key(), keys.create("a", Role.QA).key());
        assertFalse(acmeIngest.stored().toString().contains(acmeIngest.stored().hash()), "toString leaves the hash out");
        assertFalse(acmeIngest.toString().contains(acmeIngest.key()), "toString leaves the key out");
    }

    @Test
    void theRightKeyGivesItsTenantRoleAndId() {
        assertEquals(Optional.of(new Principal("acme-bank", Role.INGEST, acmeIngest.stored().id())), auth.authenticate(acmeIngest.key()));
        assertEquals(Optional.of(new Principal("acme-bank", Role.QA, acmeQa.stored().id())), auth.authenticate(acmeQa.key()));
        assertEquals("nova-telecom", auth.authenticate(novaQa.key()).orElseThrow().tenantId());
    }

    @Test
    void aWrongSecretFails() {
        String key = acmeIngest.key();
        char last = key.charAt(key.length() - 1);
        assertEquals(Optional.empty(), auth.authenticate(key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A')));
        // another valid key's secret under this key's id: the hash covers the id, so nothing matches
        String otherSecret = novaQa.key().substring(21);
        assertEquals(Optional.empty(), auth.authenticate("csk_" + acmeIngest.stored().id() + "_" + otherSecret));
    }

    @Test
    void anUnknownKeyIdFails() {
        assertEquals(Optional.empty(), auth.authenticate("csk_0000000000000000_" + acmeIngest.key().substring(21)));
    }

    @Test
    void malformedKeysFail() {
        for (String k : new String[] {null, "", "csk_", "Bearer " + acmeIngest.key(), acmeIngest.key() + "x",
                acmeIngest.key().toUpperCase(), acmeIngest.key().substring(1), "csk_" + "a".repeat(500)}) {
            assertEquals(Optional.empty(), auth.authenticate(k), String.valueOf(k));
        }
    }

    @Test
    void aRevokedKeyFailsAndTheOthersKeepWorking() {
        Tenant acme = registry.get().tenant("acme-bank").orElseThrow();
        registry.set(registry.get().with(acme.withApiKey(acmeIngest.stored().revoke())));
        assertEquals(Optional.empty(), auth.authenticate(acmeIngest.key()));
        assertTrue(auth.authenticate(acmeQa.key()).isPresent());
    }

    @Test
    void keysOfARemovedTenantFail() {
        registry.set(registry.get().without("acme-bank"));
        assertEquals(Optional.empty(), auth.authenticate(acmeIngest.key()));
        assertTrue(auth.authenticate(novaQa.key()).isPresent());
    }

    @Test
    void anotherTenantsKeyNeverAuthenticatesAsThisTenant() {
        // the tenant comes from the key, so nova's key is nova whatever the request claims
        assertEquals("nova-telecom", auth.authenticate(novaQa.key()).orElseThrow().tenantId());
        // nova's stored hash copied under an acme key entry matches nothing: the id is part of what is hashed
        ApiKey stolen = new ApiKey(acmeQa.stored().id(), Role.ADMIN, novaQa.stored().hash(), acmeQa.stored().created(), false);
        registry.set(registry.get().with(registry.get().tenant("acme-bank").orElseThrow().withApiKey(stolen)));
        assertEquals(Optional.empty(), auth.authenticate("csk_" + acmeQa.stored().id() + "_" + novaQa.key().substring(21)));
    }

    @Test
    void refusalsAreLoggedWithTheKeyIdButNeverTheSecret() {
        String wrong = acmeIngest.key().substring(0, 21) + "Z".repeat(43);
        try (LogCapture logs = new LogCapture()) {
            auth.authenticate(wrong);
            auth.authenticate(acmeQa.key());
            auth.authenticate("csk_1111111111111111_" + acmeQa.key().substring(21));
            assertTrue(logs.all().contains(acmeIngest.stored().id()), logs.all());
            assertFalse(logs.all().contains("ZZZZZZZZ"), logs.all());
            assertFalse(logs.all().contains(acmeQa.key().substring(21)), logs.all());
        }
    }
}
