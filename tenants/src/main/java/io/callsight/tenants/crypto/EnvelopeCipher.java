package io.callsight.tenants.crypto;

import io.callsight.tenants.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Envelope encryption, as a cloud KMS does it: each blob (a recording) gets a fresh random AES-256 data key, the
 * payload is AES-256-GCM under that key, and only the data key is encrypted with the tenant's KEK. So rotating a KEK
 * re-wraps 60 bytes per recording instead of re-encrypting audio, and shredding a tenant's KEKs makes all of its
 * recordings unreadable at once, backups included. Layout: {@link SealedBlob}.
 *
 * <p>Tenant and context (the call id) are in the AAD of both the data key and the payload: a blob copied to another
 * call's or tenant's path is refused by the header check, and one whose header was edited to match fails GCM.
 */
public final class EnvelopeCipher {
    private static final int CHUNK = 64 * 1024;

    private final TenantKeyring keyring;

    public EnvelopeCipher(TenantKeyring keyring) {
        this.keyring = keyring;
    }

    /** Seals {@code plaintext} for {@code tenant}'s {@code context} (e.g. the call id) under its current KEK. */
    public SealedBlob seal(String tenant, String context, byte[] plaintext) throws UnknownKeyException {
        NewBlob b = start(tenant, context);
        try {
            byte[] ct = AesGcm.encrypt(b.dataKey, b.header.payloadIv(), plaintext, payloadAad(tenant, context));
            return SealedBlob.of(b.header, ct);
        } finally {
            b.destroy();
        }
    }

    /**
     * Streaming seal for recordings too large to hold twice in memory: writes the header, then the payload as it is
     * encrypted. Does not close either stream.
     */
    public SealedBlob.Header seal(String tenant, String context, InputStream plaintext, OutputStream sealed)
            throws UnknownKeyException, IOException {
        NewBlob b = start(tenant, context);
        try {
            Cipher c = AesGcm.cipher(Cipher.ENCRYPT_MODE, b.dataKey, b.header.payloadIv(), payloadAad(tenant, context));
            sealed.write(b.header.encode());
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = plaintext.read(buf)) > 0) {
                byte[] out = c.update(buf, 0, n);
                if (out != null) {
                    sealed.write(out);
                }
            }
            sealed.write(c.doFinal());
            Arrays.fill(buf, (byte) 0);
            return b.header;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            b.destroy();
        }
    }

    /**
     * The plaintext of a blob sealed for {@code expectedTenant} and {@code expectedContext}.
     *
     * @throws TamperedException     altered, truncated, or not a sealed blob ({@link TamperedException#reason()})
     * @throws WrongTenantException  sealed for another tenant
     * @throws WrongContextException sealed for another context (another call)
     * @throws ShreddedException     the tenant's keys were shredded
     * @throws UnknownKeyException   no key for the blob's tenant/version
     */
    public byte[] open(String expectedTenant, String expectedContext, byte[] sealed) throws EnvelopeException {
        SealedBlob blob = SealedBlob.parse(sealed);
        SealedBlob.Header h = blob.header();
        check(expectedTenant, expectedContext, h);
        SecretKey dataKey = unwrapDataKey(h);
        try {
            return AesGcm.decrypt(dataKey, h.payloadIv(), blob.rawBytes(), blob.payloadOffset(), blob.payloadLength(),
                    payloadAad(h.tenant(), h.context()));
        } catch (AEADBadTagException e) {
            throw payloadTampered(h);
        }
    }

    /**
     * Streaming open. Nothing is written to {@code plaintext} unless the whole payload authenticates: the JDK's GCM
     * holds the decrypted data until the tag is checked (so memory grows with the blob; recordings of tens of MB fit).
     */
    public void open(String expectedTenant, String expectedContext, InputStream sealed, OutputStream plaintext)
            throws EnvelopeException, IOException {
        SealedBlob.Header h = SealedBlob.readHeader(sealed);
        check(expectedTenant, expectedContext, h);
        SecretKey dataKey = unwrapDataKey(h);
        byte[] out;
        try {
            Cipher c = AesGcm.cipher(Cipher.DECRYPT_MODE, dataKey, h.payloadIv(), payloadAad(h.tenant(), h.context()));
            byte[] buf = new byte[CHUNK];
            int n;
            long total = 0;
            // the JDK returns nothing before doFinal for GCM decryption; held back anyway should a provider differ
            java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
            while ((n = sealed.read(buf)) > 0) {
                total += n;
                byte[] part = c.update(buf, 0, n);
                if (part != null) {
                    held.write(part);
                }
            }
            if (total < AesGcm.TAG_BYTES) {
                throw new TamperedException(TamperedException.Reason.TRUNCATED, "sealed stream ends inside its payload");
            }
            held.write(c.doFinal());
            out = held.toByteArray();
        } catch (AEADBadTagException e) {
            throw payloadTampered(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
        plaintext.write(out);
        Arrays.fill(out, (byte) 0);
    }

    /**
     * The same blob with its data key wrapped under the tenant's current KEK; the payload IV and ciphertext are
     * copied byte for byte. A blob already under the current version is returned unchanged. Once every blob of a
     * tenant is re-wrapped, old KEK versions can be {@linkplain TenantKeyring#retire retired}.
     */
    public byte[] rewrap(byte[] sealed) throws EnvelopeException {
        SealedBlob blob = SealedBlob.parse(sealed);
        SealedBlob.Header h = blob.header();
        Kek current = keyring.currentKek(h.tenant());
        if (current.version() == h.kekVersion()) {
            return blob.bytes();
        }
        SecretKey dataKey = unwrapDataKey(h);
        byte[] raw = dataKey.getEncoded();
        try {
            byte[] wrapped = AesGcm.encrypt(current.key(), raw, dataKeyAad(h.tenant(), h.context(), current.version()));
            SealedBlob.Header next = new SealedBlob.Header(h.tenant(), h.context(), current.version(), wrapped, h.payloadIv());
            byte[] payload = Arrays.copyOfRange(blob.rawBytes(), blob.payloadOffset(), blob.rawBytes().length);
            return SealedBlob.of(next, payload).rawBytes();
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static void check(String expectedTenant, String expectedContext, SealedBlob.Header h)
            throws WrongTenantException, WrongContextException {
        if (!h.tenant().equals(expectedTenant)) {
            throw new WrongTenantException("sealed blob belongs to tenant '" + h.tenant() + "', not '" + expectedTenant + "'");
        }
        if (!h.context().equals(expectedContext)) {
            throw new WrongContextException("sealed blob of tenant '" + h.tenant() + "' was sealed for '" + h.context()
                    + "', not '" + expectedContext + "' (a misfiled or swapped file)");
        }
    }

    private SecretKey unwrapDataKey(SealedBlob.Header h) throws UnknownKeyException, TamperedException {
        Kek kek = keyring.kek(h.tenant(), h.kekVersion());
        byte[] raw;
        try {
            raw = AesGcm.decrypt(kek.key(), h.wrappedDataKey(), dataKeyAad(h.tenant(), h.context(), h.kekVersion()));
        } catch (AEADBadTagException e) {
            throw new TamperedException(TamperedException.Reason.DATA_KEY_AUTHENTICATION, "the data key of the sealed blob"
                    + " for tenant '" + h.tenant() + "' failed authentication under key version " + h.kekVersion()
                    + ": its header or wrapped key was altered");
        }
        try {
            if (raw.length != AesGcm.KEY_BYTES) {
                throw new TamperedException(TamperedException.Reason.MALFORMED_HEADER, "the data key is "
                        + raw.length + " bytes");
            }
            return AesGcm.key(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static TamperedException payloadTampered(SealedBlob.Header h) {
        return new TamperedException(TamperedException.Reason.PAYLOAD_AUTHENTICATION, "the payload of the sealed blob for"
                + " tenant '" + h.tenant() + "', context '" + h.context() + "' failed authentication: it was altered,"
                + " truncated or its header edited");
    }

    private record NewBlob(SealedBlob.Header header, SecretKey dataKey, byte[] raw) {
        void destroy() {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private NewBlob start(String tenant, String context) throws UnknownKeyException {
        TenantId.require(tenant);
        byte[] ctx = context.getBytes(StandardCharsets.UTF_8);
        if (ctx.length == 0 || ctx.length > SealedBlob.MAX_CONTEXT_BYTES) {
            throw new IllegalArgumentException("context must be 1-" + SealedBlob.MAX_CONTEXT_BYTES + " bytes of UTF-8");
        }
        Kek kek = keyring.currentKek(tenant);
        byte[] raw = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        byte[] wrapped = AesGcm.encrypt(kek.key(), raw, dataKeyAad(tenant, context, kek.version()));
        SealedBlob.Header header = new SealedBlob.Header(tenant, context, kek.version(), wrapped,
                AesGcm.randomBytes(AesGcm.IV_BYTES));
        return new NewBlob(header, AesGcm.key(raw), raw);
    }

    private static byte[] dataKeyAad(String tenant, String context, int version) {
        return AesGcm.aad("callsight/data-key/v1", tenant, context, version);
    }

    private static byte[] payloadAad(String tenant, String context) {
        return AesGcm.aad("callsight/payload/v1", tenant, context);
    }
}
