package io.callsight.ingest.live;

import io.callsight.ingest.audiohook.MessageCodec;
import io.callsight.ingest.audiohook.SessionIdentity;
import io.callsight.ingest.audiohook.SignatureVerifier;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides an AudioHook upgrade request before any WebSocket exists (spec §2, §3.4): an {@code ingest} key of a
 * registered tenant, the AudioHook id headers, and the request signature when the tenant has a client secret.
 * Reasons are for the log and name no key or secret.
 */
public final class UpgradeAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeAuthenticator.class);

    private final Supplier<TenantRegistry> registry;
    private final Function<String, String> callerIdSalt;
    private final ApiKeyAuthenticator keys;
    private final Function<Tenant, Optional<String>> clientSecret;
    private final SignatureVerifier signatures;
    private final Predicate<String> sessionOpen;
    private final String publicAuthority;

    /**
     * @param clientSecret    the tenant's AudioHook secret in clear, empty if it has none
     * @param sessionOpen     whether a session id is already in use on this server
     * @param publicAuthority the {@code Host} clients address, if a proxy in front rewrites it; null to take the
     *                        request's
     */
    public UpgradeAuthenticator(Supplier<TenantRegistry> registry, Function<Tenant, Optional<String>> clientSecret,
            SignatureVerifier signatures, Predicate<String> sessionOpen, String publicAuthority) {
        this(registry, clientSecret, signatures, sessionOpen, publicAuthority, tenantId -> tenantId);
    }

    /**
     * {@code callerIdSalt}: a tenant's secret salt of caller-number hashes (derived from the master key in
     * production, {@link io.callsight.tenants.crypto.CallerIdSalts}).
     */
    public UpgradeAuthenticator(Supplier<TenantRegistry> registry, Function<Tenant, Optional<String>> clientSecret,
            SignatureVerifier signatures, Predicate<String> sessionOpen, String publicAuthority,
            Function<String, String> callerIdSalt) {
        this.callerIdSalt = callerIdSalt;
        this.registry = registry;
        this.keys = new ApiKeyAuthenticator(registry);
        this.clientSecret = clientSecret;
        this.signatures = signatures;
        this.sessionOpen = sessionOpen;
        this.publicAuthority = publicAuthority;
    }

    /** {@code status} 101 with an identity to upgrade; otherwise the HTTP status to refuse with. */
    public record Decision(int status, String reason, SessionIdentity identity) {
        public boolean accepted() {
            return identity != null;
        }

        static Decision refuse(int status, String reason) {
            return new Decision(status, reason, null);
        }
    }

    /**
     * @param requestTarget path and query as sent
     * @param headers       every value of a header by lower-case name (empty list if absent)
     */
    public Decision decide(String requestTarget, String authority, Function<String, List<String>> headers) {
        String apiKey = single(headers, "x-api-key");
        if (apiKey == null || apiKey.isBlank()) {
            return Decision.refuse(401, "no X-API-KEY");
        }
        Optional<Principal> principal = keys.authenticate(apiKey.strip());
        if (principal.isEmpty()) {
            return Decision.refuse(401, "unknown, revoked or malformed API key");
        }
        Principal who = principal.get();
        if (who.role() != Role.INGEST) {
            return Decision.refuse(403, "API key " + who.keyId() + " of tenant " + who.tenantId() + " has role "
                    + who.role().id() + ", not ingest");
        }
        Optional<Tenant> tenant = registry.get().tenant(who.tenantId());
        if (tenant.isEmpty()) {
            return Decision.refuse(401, "tenant " + who.tenantId() + " is gone");
        }
        Optional<UUID> org = MessageCodec.uuid(single(headers, "audiohook-organization-id"));
        Optional<UUID> session = MessageCodec.uuid(single(headers, "audiohook-session-id"));
        String correlation = single(headers, "audiohook-correlation-id");
        if (org.isEmpty() || session.isEmpty() || MessageCodec.uuid(correlation).isEmpty()) {
            return Decision.refuse(400, "Audiohook-Organization-Id, Audiohook-Session-Id and Audiohook-Correlation-Id"
                    + " must each be one UUID");
        }
        Optional<String> secret;
        try {
            secret = clientSecret.apply(tenant.get());
        } catch (RuntimeException e) {
            LOG.error("tenant {}: cannot read its AudioHook client secret: {}", who.tenantId(), e.getMessage());
            return Decision.refuse(401, "client secret unreadable");
        }
        SignatureVerifier.Result signature = signatures.verify(new SignatureVerifier.Request(requestTarget,
                publicAuthority != null ? publicAuthority : authority, headers), secret);
        if (!signature.valid()) {
            return Decision.refuse(401, "tenant " + who.tenantId() + ": " + signature.reason());
        }
        if (sessionOpen.test(session.get().toString())) {
            return Decision.refuse(409, "session " + session.get() + " is already open");
        }
        List<String> languages = tenant.get().languages().stream().map(SessionIdentity::audioHookCode).toList();
        return new Decision(101, signature.reason(), new SessionIdentity(who.tenantId(), who.keyId(), session.get(),
                org.get(), correlation, languages, callerIdSalt.apply(who.tenantId())));
    }

    private static String single(Function<String, List<String>> headers, String name) {
        List<String> v = headers.apply(name);
        return v == null || v.size() != 1 ? null : v.get(0).strip();
    }
}
