package io.callsight.tenants.admin;

import io.callsight.tenants.ApiKey;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tenants.crypto.AudioHookSecrets;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyStatus;
import io.callsight.tenants.crypto.TenantKeyring;
import io.callsight.tenants.crypto.UnknownKeyException;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does to tenants: add, remove, issue and revoke keys, rotate secrets and KEKs. Each change is a
 * read-modify-write of the registry (and keyring) under one file lock, so two admins at once never lose a change,
 * and each file is replaced atomically, so the services polling it never see half a change.
 *
 * <p>The master key is loaded only by operations that need it: listing or revoking keys works without it.
 */
public final class TenantAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TenantAdmin.class);

    private final TenantPaths paths;
    private final Supplier<MasterKey> masterKey;
    private final ApiKeys apiKeys;
    private MasterKey loaded;
    private TenantKeyring keyring;

    public TenantAdmin(TenantPaths paths, Map<String, String> env) {
        this(paths, () -> MasterKey.load(paths, env), new ApiKeys());
    }

    public TenantAdmin(TenantPaths paths, Supplier<MasterKey> masterKey, ApiKeys apiKeys) {
        this.paths = paths;
        this.masterKey = masterKey;
        this.apiKeys = apiKeys;
    }

    public TenantPaths paths() {
        return paths;
    }

    /** The registry as it is on disk now (empty if there is none yet). */
    public TenantRegistry registry() {
        try {
            return TenantRegistryFile.readOrEmpty(paths.registry());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + paths.registry() + ": " + e.getMessage(), e);
        }
    }

    public Tenant tenant(String id) {
        return registry().tenant(id).orElseThrow(() -> noSuchTenant(id));
    }

    /** Key versions of a tenant, read without the master key. */
    public Optional<TenantKeyStatus> keyStatus(String id) {
        return Optional.ofNullable(TenantKeyring.describe(paths.keyring()).get(id));
    }

    /**
     * @param kekVersion   the tenant's current key version
     * @param keysRestored the keyring still had keys from an earlier {@code remove} without {@code --shred}: the
     *                     tenant's old recordings open again
     */
    public record Added(Tenant tenant, int kekVersion, boolean keysRestored) {
    }

    public Added add(TenantSpec spec) {
        return locked(() -> {
            TenantRegistry registry = registry();
            if (registry.contains(spec.id())) {
                throw new IllegalArgumentException("tenant '" + spec.id() + "' already exists");
            }
            boolean restored = keyStatus(spec.id()).map(TenantKeyStatus::hasKey).orElse(false);
            // the key first: a tenant in the registry must always be able to seal
            int version = keyring().ensure(spec.id());
            Tenant tenant = spec.toTenant();
            write(registry.with(tenant));
            LOG.debug("added tenant {}", spec.id());
            return new Added(tenant, version, restored);
        });
    }

    /**
     * @param apiKeys the number of API keys that stopped working
     * @param shredded whether key-encryption keys were destroyed
     */
    public record Removed(String tenant, boolean wasRegistered, int apiKeys, boolean shredded) {
    }

    /**
     * Removes the tenant from the registry: its API keys stop working at the services' next reload. Its KEKs stay
     * (so {@code add} with the same id brings its recordings back) unless {@code shred}, which destroys them and
     * with them every recording sealed for the tenant.
     */
    public Removed remove(String id, boolean shred) {
        return locked(() -> {
            TenantRegistry registry = registry();
            Optional<Tenant> tenant = registry.tenant(id);
            if (tenant.isEmpty() && !shred) {
                throw noSuchTenant(id);
            }
            if (tenant.isPresent()) {
                write(registry.without(id));
            }
            boolean shredded = shred && keyring().shred(id);
            LOG.debug("removed tenant {}{}", id, shredded ? " and shredded its keys" : "");
            return new Removed(id, tenant.isPresent(), tenant.map(t -> t.apiKeys().size()).orElse(0), shredded);
        });
    }

    /** A new API key; the returned plaintext exists nowhere else. */
    public IssuedApiKey createKey(String id, Role role) {
        return locked(() -> {
            TenantRegistry registry = registry();
            Tenant tenant = registry.tenant(id).orElseThrow(() -> noSuchTenant(id));
            IssuedApiKey issued = apiKeys.create(id, role);
            while (registry.keyOwner(issued.stored().id()).isPresent()) {
                issued = apiKeys.create(id, role); // a 64-bit id collision: astronomically rare, but cheap to rule out
            }
            write(registry.with(tenant.withApiKey(issued.stored())));
            LOG.debug("created API key {} ({}) for tenant {}", issued.stored().id(), role.id(), id);
            return issued;
        });
    }

    public List<ApiKey> keys(String id) {
        return tenant(id).apiKeys();
    }

    /** Marks the key revoked (kept, so the id stays taken and {@code list} shows it). */
    public ApiKey revokeKey(String id, String keyId) {
        return locked(() -> {
            TenantRegistry registry = registry();
            Tenant tenant = registry.tenant(id).orElseThrow(() -> noSuchTenant(id));
            ApiKey key = tenant.apiKey(keyId).orElseThrow(() -> new IllegalArgumentException(
                    "tenant '" + id + "' has no API key " + keyId));
            ApiKey revoked = key.revoke();
            if (!key.revoked()) {
                write(registry.with(tenant.withApiKey(revoked)));
            }
            LOG.debug("revoked API key {} of tenant {}", keyId, id);
            return revoked;
        });
    }

    /** A new AudioHook client secret; the previous one stops working at the services' next reload. */
    public AudioHookSecrets.Rotated rotateSecret(String id) {
        return locked(() -> {
            TenantRegistry registry = registry();
            Tenant tenant = registry.tenant(id).orElseThrow(() -> noSuchTenant(id));
            AudioHookSecrets.Rotated rotated = new AudioHookSecrets(master()).rotate(id);
            write(registry.with(tenant.withAudioHookSecret(rotated.stored())));
            LOG.debug("rotated the AudioHook secret of tenant {}", id);
            return rotated;
        });
    }

    /** Makes a new KEK current; returns its version. Existing recordings keep opening with the old version. */
    public int rotateKek(String id) {
        return locked(() -> {
            if (!registry().contains(id)) {
                throw noSuchTenant(id);
            }
            try {
                return keyring().rotate(id);
            } catch (UnknownKeyException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** The keyring, opened with the master key on first use (which is where a wrong master key is reported). */
    public synchronized TenantKeyring keyring() {
        if (keyring == null) {
            keyring = TenantKeyring.open(paths.keyring(), master());
        }
        return keyring;
    }

    public synchronized MasterKey master() {
        if (loaded == null) {
            loaded = masterKey.get();
        }
        return loaded;
    }

    private void write(TenantRegistry registry) {
        try {
            TenantRegistryFile.write(paths.registry(), registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + paths.registry() + ": " + e.getMessage(), e);
        }
    }

    private IllegalArgumentException noSuchTenant(String id) {
        return new IllegalArgumentException("no tenant '" + id + "' in " + paths.registry());
    }

    private <T> T locked(Supplier<T> change) {
        try (PrivateFiles.Lock lock = PrivateFiles.lock(paths.lockFile())) {
            return change.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + paths.lockFile() + ": " + e.getMessage(), e);
        }
    }
}
