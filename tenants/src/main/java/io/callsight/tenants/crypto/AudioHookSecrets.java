package io.callsight.tenants.crypto;

import io.callsight.tenants.EncryptedSecret;
import io.callsight.tenants.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The AudioHook client secret of each tenant. Unlike an API key it must be readable by the ingest service (it is
 * the HMAC key of AudioHook's request signatures), so it is encrypted under the master key, bound by AAD to its
 * tenant, rather than hashed.
 */
public final class AudioHookSecrets {
    private static final int SECRET_BYTES = 32;

    private final MasterKey master;
    private final Clock clock;

    public AudioHookSecrets(MasterKey master) {
        this(master, Clock.systemUTC());
    }

    public AudioHookSecrets(MasterKey master, Clock clock) {
        this.master = master;
        this.clock = clock;
    }

    /** A new secret: {@code secret} is shown to the admin once, {@code stored} goes into the registry. */
    public record Rotated(String secret, EncryptedSecret stored) {
        @Override
        public String toString() {
            return "Rotated[" + stored + "]";
        }
    }

    public Rotated rotate(String tenantId) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.randomBytes(SECRET_BYTES));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] encrypted = master.wrap(secret.getBytes(StandardCharsets.US_ASCII), aad(tenantId));
        return new Rotated(secret, new EncryptedSecret(Base64.getEncoder().encodeToString(encrypted), now));
    }

    /**
     * The tenant's secret in clear, for verifying a signature; empty if none is set.
     *
     * @throws MasterKeyException if it does not decrypt: another master key, or the value was moved or altered
     */
    public Optional<String> reveal(Tenant tenant) {
        if (tenant.audioHookSecret().isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] plain = master.unwrap(Base64.getDecoder().decode(tenant.audioHookSecret().get().ciphertext()),
                    aad(tenant.id()));
            return Optional.of(new String(plain, StandardCharsets.US_ASCII));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new MasterKeyException("the AudioHook secret of tenant '" + tenant.id() + "' does not decrypt with the"
                    + " master key from " + master.source() + ": another master key, or the value was copied from"
                    + " another tenant or altered. Rotate it with `callsight tenants secret rotate --tenant "
                    + tenant.id() + "`");
        }
    }

    private static byte[] aad(String tenantId) {
        return AesGcm.aad("callsight/audiohook-secret/v1", tenantId);
    }
}
