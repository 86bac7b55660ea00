package io.callsight.tenants.auth;

import io.callsight.tenants.Role;

/** Who a request comes from. Services scope every query by {@code tenantId} from here, never from the request. */
public record Principal(String tenantId, Role role, String keyId) {
}
