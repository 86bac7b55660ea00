package io.callsight.ingest;

import java.util.regex.Pattern;

/** Tenant ids end up in topic keys, index fields and file paths, so they are kept to a safe alphabet. */
public final class Tenants {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Tenants() {
    }

    public static String requireValid(String tenant) {
        if (tenant == null || !VALID.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant id '" + tenant
                    + "': use 1-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
        return tenant;
    }
}
