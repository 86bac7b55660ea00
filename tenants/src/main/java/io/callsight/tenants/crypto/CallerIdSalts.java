package io.callsight.tenants.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret per-tenant salt of caller-number hashes, derived from the master key (HMAC-SHA256 of the tenant id):
 * without it a hash cannot be matched against a dictionary of all phone numbers, and one caller hashes differently
 * in two tenants. Derived rather than stored, so there is nothing more to keep, rotate or leak; live ingest and
 * recorded import derive the same salt, so a caller's calls group together whichever way they came in.
 */
public final class CallerIdSalts {
    private static final String PURPOSE = "callsight/caller-id-salt/v1/";

    private final SecretKeySpec key;

    public CallerIdSalts(MasterKey master) {
        // a key of its own for this purpose: the master key itself never leaves MasterKey
        this.key = new SecretKeySpec(master.derive(PURPOSE), "HmacSHA256");
    }

    /** The tenant's salt, hex. */
    public String forTenant(String tenantId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(tenantId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "CallerIdSalts[derived from the master key]";
    }
}
