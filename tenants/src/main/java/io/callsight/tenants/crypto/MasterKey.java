package io.callsight.tenants.crypto;

import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.TenantPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of the key hierarchy: one AES-256 key per deployment that wraps the tenant KEKs and the secrets in the
 * registry, and nothing else (so a cloud KMS can take its place: its Encrypt/Decrypt calls are {@link #wrap} and
 * {@link #unwrap}). It comes from {@code CALLSIGHT_MASTER_KEY} (base64) or a file, {@code CALLSIGHT_MASTER_KEY_FILE}
 * or {@code <data dir>/master.key}, holding the base64 of 32 random bytes.
 */
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] bytes, String source) {
        this.key = AesGcm.key(bytes);
        this.source = source;
    }

    /** The key from the environment variable if set, else from the file {@code paths} name. */
    public static MasterKey load(TenantPaths paths, Map<String, String> env) {
        String inline = env.get(TenantPaths.ENV_MASTER_KEY);
        if (inline != null && !inline.isBlank()) {
            return fromBase64(inline, "environment variable " + TenantPaths.ENV_MASTER_KEY);
        }
        return fromFile(paths.masterKeyFile());
    }

    /** Whether {@link #load} would find a key (it may still be malformed). */
    public static boolean configured(TenantPaths paths, Map<String, String> env) {
        String inline = env.get(TenantPaths.ENV_MASTER_KEY);
        return (inline != null && !inline.isBlank()) || Files.exists(paths.masterKeyFile());
    }

    public static MasterKey fromFile(Path file) {
        String source = "master key file " + file;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new MasterKeyException("no master key: " + file + " does not exist. Create one with `callsight tenants"
                    + " master-key create` (and back it up: without it no recording can be decrypted), or set "
                    + TenantPaths.ENV_MASTER_KEY_FILE + " or " + TenantPaths.ENV_MASTER_KEY);
        } catch (IOException e) {
            throw new MasterKeyException("cannot read " + source + ": " + e.getMessage(), e);
        }
        try {
            if (PrivateFiles.readableByOthers(file)) {
                LOG.warn("{} is readable or writable by other users: chmod 600 it", source);
            }
        } catch (IOException e) {
            // only the warning is lost
        }
        return fromBase64(text, source);
    }

    /** @param source how to name where the key came from in error messages (never the key itself) */
    public static MasterKey fromBase64(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(source + " is not valid base64 (expected the base64 of 32 random bytes)");
        }
        try {
            if (bytes.length != AesGcm.KEY_BYTES) {
                throw new MasterKeyException(source + " holds " + bytes.length + " bytes; a master key is "
                        + AesGcm.KEY_BYTES + " bytes (44 base64 characters)");
            }
            return new MasterKey(bytes, source);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Writes a new random key to {@code file} (mode 0600); refuses to overwrite one, which would orphan every KEK. */
    public static MasterKey generate(Path file) throws IOException {
        if (Files.exists(file)) {
            throw new MasterKeyException(file + " already exists; a new master key would make every tenant key and"
                    + " recording unreadable. Move it away first if that is really what you want");
        }
        byte[] bytes = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        try {
            PrivateFiles.writeAtomically(file, (Base64.getEncoder().encodeToString(bytes) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new MasterKey(bytes, "master key file " + file.toAbsolutePath().normalize());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Where the key came from, for messages; never the key. */
    public String source() {
        return source;
    }

    /** AES-256-GCM under the master key; {@code aad} binds the result to its purpose and owner. */
    public byte[] wrap(byte[] plaintext, byte[] aad) {
        return AesGcm.encrypt(key, plaintext, aad);
    }

    /** @throws AEADBadTagException for another master key, another AAD or an altered value */
    public byte[] unwrap(byte[] wrapped, byte[] aad) throws AEADBadTagException {
        return AesGcm.decrypt(key, wrapped, aad);
    }

    /** A key for {@code purpose} derived from the master key (HMAC-SHA256), so the master key serves one purpose only. */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + "]";
    }
}
