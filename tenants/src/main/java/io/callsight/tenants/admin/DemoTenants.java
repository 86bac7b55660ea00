package io.callsight.tenants.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.auth.ApiKeyAuthenticator;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tenants.auth.Principal;
import io.callsight.tenants.crypto.AudioHookSecrets;
import io.callsight.tenants.crypto.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Provisions the demo tenants (the ones {@code datasets/demo-calls} and {@code models/} are written for) with an
 * ingest and a QA key each and an AudioHook secret, and writes those credentials in clear to
 * {@code <data dir>/demo-keys.json} (0600) so the demo can use them. Idempotent: keys that still work are kept, so
 * running the demo twice does not invalidate the first run's keys.
 *
 * <p>This file is the one place plaintext keys are stored, which is acceptable for a local demo and nothing else.
 */
public final class DemoTenants {
    public static final List<TenantSpec> SPECS = List.of(
            spec("acme-bank", "Acme Bank", "America/New_York"),
            spec("nova-telecom", "Nova Telecom", "Europe/London"),
            spec("shield-insurance", "Shield Insurance", "America/Chicago"));
    private static final List<Role> ROLES = List.of(Role.INGEST, Role.QA);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoTenants() {
    }

    private static TenantSpec spec(String id, String name, String zone) {
        return new TenantSpec(id, name, List.of("en"), ZoneId.of(zone), new Retention(365, 365));
    }

    /** {@link #ensure(TenantPaths, Map, List)} with the process environment and the default registry location. */
    public static Path ensure(Path dataDir, List<TenantSpec> specs) {
        Map<String, String> env = System.getenv();
        return ensure(TenantPaths.resolve(dataDir, null, env), env, specs);
    }

    /**
     * Creates what is missing: the master key (if none is configured), each tenant, its keys and secret.
     *
     * @return the demo keys file
     */
    public static Path ensure(TenantPaths paths, Map<String, String> env, List<TenantSpec> specs) {
        try {
            if (!MasterKey.configured(paths, env)) {
                MasterKey.generate(paths.masterKeyFile());
            }
            TenantAdmin admin = new TenantAdmin(paths, env);
            Path file = paths.demoKeys();
            ObjectNode previous = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            ObjectNode next = JSON.createObjectNode();
            next.put("note", "Plaintext credentials of the local demo tenants, written by callsight demo. Demo only:"
                    + " production keys are shown once and never stored in clear.");
            ObjectNode tenants = next.putObject("tenants");
            for (TenantSpec spec : specs) {
                if (!admin.registry().contains(spec.id())) {
                    admin.add(spec);
                }
                JsonNode before = previous.path("tenants").path(spec.id());
                ObjectNode entry = tenants.putObject(spec.id());
                for (Role role : ROLES) {
                    String key = before.path(role.id()).path("key").asText(null);
                    Optional<Principal> works = key == null ? Optional.empty()
                            : new ApiKeyAuthenticator(admin::registry).authenticate(key)
                                    .filter(p -> p.tenantId().equals(spec.id()) && p.role() == role);
                    if (works.isEmpty()) {
                        IssuedApiKey issued = admin.createKey(spec.id(), role);
                        key = issued.key();
                    }
                    entry.putObject(role.id()).put("key_id", ApiKeys.keyId(key).orElseThrow()).put("key", key);
                }
                Tenant tenant = admin.tenant(spec.id());
                String secret = before.path("audiohook_secret").asText(null);
                AudioHookSecrets secrets = new AudioHookSecrets(admin.master());
                if (secret == null || !secrets.reveal(tenant).map(s -> s.equals(secret)).orElse(false)) {
                    entry.put("audiohook_secret", admin.rotateSecret(spec.id()).secret());
                } else {
                    entry.put("audiohook_secret", secret);
                }
            }
            if (!Objects.equals(previous.path("tenants"), next.path("tenants")) || !Files.exists(file)) {
                PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(next));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot provision the demo tenants under " + paths.dataDir() + ": " + e.getMessage(), e);
        }
    }
}
