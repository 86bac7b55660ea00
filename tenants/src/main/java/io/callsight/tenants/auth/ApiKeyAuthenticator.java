package io.callsight.tenants.auth;

import io.callsight.tenants.ApiKey;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a presented API key ({@code X-API-KEY}, {@code Authorization: Bearer}) into a {@link Principal}. The key is
 * found by its public key id, then its hash is compared in constant time: the time taken says nothing about how much
 * of the secret was right, and there is no scan over all keys whose length depends on the input.
 *
 * <p>Reads the registry through a supplier ({@code watcher::current}), so a revocation or a removed tenant takes
 * effect on the next request after the reload, without a restart.
 */
public final class ApiKeyAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    /** Compared against when the key id is unknown, so that path does the same work as a wrong secret. */
    private static final byte[] NO_KEY = new byte[32];

    private final Supplier<TenantRegistry> registry;

    public ApiKeyAuthenticator(Supplier<TenantRegistry> registry) {
        this.registry = registry;
    }

    /** The principal of a valid, unrevoked key of an existing tenant; empty otherwise (the reason is logged at debug). */
    public Optional<Principal> authenticate(String presentedKey) {
        Optional<String> keyId = ApiKeys.keyId(presentedKey);
        if (keyId.isEmpty()) {
            LOG.debug("refused an API key: not in the csk_<id>_<secret> format");
            return Optional.empty();
        }
        String id = keyId.get();
        byte[] presented = ApiKeys.digest(presentedKey);
        Optional<Tenant> owner = registry.get().keyOwner(id);
        Optional<ApiKey> stored = owner.flatMap(t -> t.apiKey(id));
        byte[] expected = stored.map(k -> decodeHash(k.hash())).orElse(NO_KEY);
        boolean match = MessageDigest.isEqual(presented, expected) && stored.isPresent();
        if (!match) {
            LOG.debug("refused API key {}: {}", id, stored.isEmpty() ? "unknown key id" : "wrong secret");
            return Optional.empty();
        }
        if (stored.get().revoked()) {
            LOG.debug("refused API key {} of tenant {}: revoked", id, owner.get().id());
            return Optional.empty();
        }
        return Optional.of(new Principal(owner.get().id(), stored.get().role(), id));
    }

    private static byte[] decodeHash(String hash) {
        return Base64.getUrlDecoder().decode(hash.substring("sha256:".length()));
    }
}
