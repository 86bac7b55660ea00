package io.callsight.voicebot.server;

import io.callsight.tenants.Role;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.Principal;
import io.callsight.voicebot.twilio.StartAuthorizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which tenant a stream belongs to, from an {@code ingest} API key (stored as a hash, checked by {@link
 * ApiKeyAuthenticator}). Two places may carry the key:
 * <ul>
 *   <li>the {@code X-API-KEY} header of the upgrade, decided before any WebSocket exists: wrong → 401, another role →
 *       403;</li>
 *   <li>{@code start.customParameters.apiKey}, because real Twilio cannot set headers on {@code <Stream>} (spec §2:
 *       per-call values travel as {@code <Parameter>}s). The upgrade is then let through without a header and the
 *       stream is closed with 1008 at {@code start} unless the key is valid; the bot is never created before.</li>
 * </ul>
 * Reasons are for the log: they may name a key's public id and tenant, never the key.
 */
public final class GatewayAuthenticator {
    private final ApiKeyAuthenticator keys;
    private final boolean keyInStartAllowed;

    /** @param keyInStartAllowed whether an upgrade without {@code X-API-KEY} may carry its key in {@code start} */
    public GatewayAuthenticator(Supplier<TenantRegistry> registry, boolean keyInStartAllowed) {
        this.keys = new ApiKeyAuthenticator(registry);
        this.keyInStartAllowed = keyInStartAllowed;
    }

    /**
     * The upgrade's verdict: 101 with the tenant, 101 with the check deferred to {@code start} (no tenant yet), or the
     * HTTP status to refuse with.
     */
    public record UpgradeDecision(int status, String reason, String tenantId) {
        public boolean accepted() {
            return status == 101;
        }

        static UpgradeDecision refuse(int status, String reason) {
            return new UpgradeDecision(status, reason, null);
        }
    }

    /** @param headerValues every {@code X-API-KEY} value of the request (empty if none) */
    public UpgradeDecision decideUpgrade(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return keyInStartAllowed ? new UpgradeDecision(101, "key expected in start.customParameters", null)
                    : UpgradeDecision.refuse(401, "no X-API-KEY");
        }
        if (headerValues.size() > 1) {
            return UpgradeDecision.refuse(401, "X-API-KEY given " + headerValues.size() + " times");
        }
        Check c = check(headerValues.get(0));
        return c.tenantId != null ? new UpgradeDecision(101, "X-API-KEY " + c.reason, c.tenantId)
                : UpgradeDecision.refuse(c.status, c.reason);
    }

    /** How the {@code start} of a stream accepted by {@code upgrade} is authorized. */
    public StartAuthorizer atStart(UpgradeDecision upgrade) {
        if (upgrade.tenantId() != null) {
            // the header decided; an apiKey parameter besides is still removed before the bot sees the parameters
            String tenant = upgrade.tenantId();
            return params -> StartAuthorizer.Decision.allow(tenant);
        }
        return this::fromParameters;
    }

    private StartAuthorizer.Decision fromParameters(Map<String, String> params) {
        String key = params.get(StartAuthorizer.API_KEY_PARAMETER);
        if (key == null || key.isBlank()) {
            return StartAuthorizer.Decision.refuse("no X-API-KEY header and no apiKey in start.customParameters");
        }
        Check c = check(key);
        return c.tenantId != null ? StartAuthorizer.Decision.allow(c.tenantId)
                : StartAuthorizer.Decision.refuse("start.customParameters.apiKey: " + c.reason);
    }

    private record Check(String tenantId, int status, String reason) {
    }

    private Check check(String presented) {
        if (presented.isBlank()) {
            return new Check(null, 401, "empty API key");
        }
        Optional<Principal> who = keys.authenticate(presented.strip());
        if (who.isEmpty()) {
            return new Check(null, 401, "unknown, revoked or malformed API key");
        }
        Principal p = who.get();
        if (p.role() != Role.INGEST) {
            return new Check(null, 403, "API key " + p.keyId() + " of tenant " + p.tenantId() + " has role "
                    + p.role().id() + ", not ingest");
        }
        return new Check(p.tenantId(), 101, "key " + p.keyId() + " of tenant " + p.tenantId());
    }
}
