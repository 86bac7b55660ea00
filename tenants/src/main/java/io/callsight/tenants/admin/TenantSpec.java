package io.callsight.tenants.admin;

import io.callsight.tenants.Retention;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantId;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A tenant to create: everything but credentials, which are issued afterwards. Checked like the registry file. */
public record TenantSpec(String id, String name, List<String> languages, ZoneId timeZone, Retention retention) {
    public static final int DEFAULT_RETENTION_DAYS = 365;

    public TenantSpec {
        TenantId.require(id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tenant '" + id + "' needs a display name");
        }
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("tenant '" + id + "' needs at least one language");
        }
        for (String l : languages) {
            if (!TenantRegistryFile.LANGUAGES.contains(l)) {
                throw new IllegalArgumentException("unsupported language '" + l + "' (supported: "
                        + String.join(", ", TenantRegistryFile.LANGUAGES.stream().sorted().toList()) + ")");
            }
        }
        if (languages.stream().distinct().count() != languages.size()) {
            throw new IllegalArgumentException("a language is listed twice: " + languages);
        }
        java.util.Objects.requireNonNull(timeZone, "timeZone");
        java.util.Objects.requireNonNull(retention, "retention");
    }

    /** English, UTC, a year of recordings and transcripts. */
    public static TenantSpec of(String id, String name) {
        return new TenantSpec(id, name, List.of("en"), ZoneId.of("UTC"),
                new Retention(DEFAULT_RETENTION_DAYS, DEFAULT_RETENTION_DAYS));
    }

    Tenant toTenant() {
        return new Tenant(id, name, languages, timeZone, retention, List.of(), Optional.empty());
    }
}
