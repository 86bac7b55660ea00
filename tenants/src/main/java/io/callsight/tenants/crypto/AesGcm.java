package io.callsight.tenants.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AES-256-GCM with a random 96-bit IV per encryption, output {@code iv || ciphertext || tag}. Every key here
 * encrypts few messages (a KEK wraps one data key per recording, a data key one recording), far below the 2^32
 * random-IV limit per key.
 */
final class AesGcm {
    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int TAG_BYTES = TAG_BITS / 8;
    static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(AesGcm.class);
    /** Who does the AES-GCM: Amazon Corretto Crypto Provider when its native library loads here, else the JDK. */
    static final Provider PROVIDER = provider();

    private AesGcm() {
    }

    static SecretKey key(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 keys are " + KEY_BYTES + " bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] iv = randomBytes(IV_BYTES);
        byte[] ct = encrypt(key, iv, plaintext, aad);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + ct.length);
        System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
        return out;
    }

    static byte[] encrypt(SecretKey key, byte[] iv, byte[] plaintext, byte[] aad) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key, iv, aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts {@code iv || ciphertext || tag}; a wrong key, AAD or any altered byte fails the tag. */
    static byte[] decrypt(SecretKey key, byte[] ivCiphertext, byte[] aad) throws AEADBadTagException {
        if (ivCiphertext.length < IV_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("too short to be AES-GCM output");
        }
        return decrypt(key, Arrays.copyOf(ivCiphertext, IV_BYTES), ivCiphertext, IV_BYTES,
                ivCiphertext.length - IV_BYTES, aad);
    }

    static byte[] decrypt(SecretKey key, byte[] iv, byte[] in, int offset, int length, byte[] aad)
            throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(in, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Provider provider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() == null) {
                accp.assertHealthy();
                return accp;
            }
            LOG.info("AES-GCM by the JDK: the native provider did not load ({})", accp.getLoadingError().toString());
        } catch (RuntimeException | LinkageError e) {
            LOG.info("AES-GCM by the JDK: the native provider is not usable here ({})", e.toString());
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES-GCM", e);
        }
    }

    static Cipher cipher(int mode, SecretKey key, byte[] iv, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", PROVIDER);
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad);
        return c;
    }

    /**
     * Associated data from a purpose label and fields, each length-prefixed so ("ab", "c") and ("a", "bc") differ.
     * The label keeps a value encrypted for one purpose from being accepted for another.
     */
    static byte[] aad(String label, Object... fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            writeField(out, label.getBytes(StandardCharsets.UTF_8));
            for (Object f : fields) {
                writeField(out, String.valueOf(f).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void writeField(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
