package io.callsight.tenants.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the keyring holds for a tenant, without any key material: readable without the master key.
 *
 * @param current         the version new blobs are sealed with; 0 if the tenant has no key
 * @param versions        versions still present (older ones are kept until every blob is re-wrapped)
 * @param shreddedThrough blobs with a version up to this one can never be opened again; 0 if never shredded
 */
public record TenantKeyStatus(String tenant, int current, List<Integer> versions, int shreddedThrough,
                              Optional<Instant> shreddedAt) {
    public TenantKeyStatus {
        versions = List.copyOf(versions);
    }

    public boolean hasKey() {
        return current > 0;
    }
}
