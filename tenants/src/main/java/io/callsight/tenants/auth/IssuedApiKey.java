package io.callsight.tenants.auth;

import io.callsight.tenants.ApiKey;

/**
 * A key just created: {@code key} is the only copy of the plaintext there will ever be. Show it to the user once;
 * store {@code stored} (which holds only the hash).
 */
public record IssuedApiKey(String tenantId, ApiKey stored, String key) {
    @Override
    public String toString() {
        return "IssuedApiKey[tenant=" + tenantId + ", " + stored + "]";
    }
}
