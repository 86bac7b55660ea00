package io.callsight.tenants;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the tenant registry. Services hold one at a time (see
 * {@code TenantRegistryWatcher}); a change is a new snapshot, never an edit, so a request sees one consistent view.
 */
public final class TenantRegistry {
    private static final TenantRegistry EMPTY = new TenantRegistry(List.of());

    private final Map<String, Tenant> tenants;
    /** Key ids are unique across tenants, so authentication finds a key without knowing the tenant first. */
    private final Map<String, Tenant> byKeyId;

    public TenantRegistry(List<Tenant> tenants) {
        Map<String, Tenant> byId = new LinkedHashMap<>();
        Map<String, Tenant> keys = new LinkedHashMap<>();
        for (Tenant t : tenants) {
            if (byId.putIfAbsent(t.id(), t) != null) {
                throw new IllegalArgumentException("duplicate tenant '" + t.id() + "'");
            }
            for (ApiKey k : t.apiKeys()) {
                Tenant other = keys.putIfAbsent(k.id(), t);
                if (other != null) {
                    throw new IllegalArgumentException("API key id " + k.id() + " is used by tenants '" + other.id()
                            + "' and '" + t.id() + "'");
                }
            }
        }
        this.tenants = Collections.unmodifiableMap(byId);
        this.byKeyId = Collections.unmodifiableMap(keys);
    }

    public static TenantRegistry empty() {
        return EMPTY;
    }

    public List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public Optional<Tenant> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public boolean contains(String id) {
        return tenants.containsKey(id);
    }

    /** The tenant that owns API key {@code keyId}, if any. */
    public Optional<Tenant> keyOwner(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** A new snapshot with {@code tenant} added or replaced (same position if replaced). */
    public TenantRegistry with(Tenant tenant) {
        List<Tenant> out = new ArrayList<>();
        boolean replaced = false;
        for (Tenant t : tenants.values()) {
            if (t.id().equals(tenant.id())) {
                out.add(tenant);
                replaced = true;
            } else {
                out.add(t);
            }
        }
        if (!replaced) {
            out.add(tenant);
        }
        return new TenantRegistry(out);
    }

    public TenantRegistry without(String id) {
        List<Tenant> out = new ArrayList<>(tenants.values());
        out.removeIf(t -> t.id().equals(id));
        return new TenantRegistry(out);
    }

    public int size() {
        return tenants.size();
    }
}
