package io.callsight.voicebot;

import io.callsight.tenants.Retention;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.IssuedApiKey;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The in-memory registry the gateway tests run on (as ingest's tests do): tenant "acme" with the given keys. */
public final class TestTenants {
    private TestTenants() {
    }

    public static TenantRegistry acme(IssuedApiKey... keys) {
        return of("acme", keys);
    }

    /** One tenant {@code id} (the bot tests use the demo tenants' ids, which their flows name). */
    public static TenantRegistry of(String id, IssuedApiKey... keys) {
        Tenant tenant = new Tenant(id, id, List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                Arrays.stream(keys).map(IssuedApiKey::stored).toList(), Optional.empty());
        return new TenantRegistry(List.of(tenant));
    }
}
