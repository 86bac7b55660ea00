package io.callsight.tenants.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The fast native AES-GCM and the JDK's are the same algorithm: each opens what the other sealed. */
class AesGcmProviderTest {
    private final SecretKey key = AesGcm.key(AesGcm.randomBytes(AesGcm.KEY_BYTES));
    private final byte[] aad = AesGcm.aad("test", "acme", "call-1");
    private final byte[] plaintext = AesGcm.randomBytes(1_000_003);

    @Test
    void onLinuxX86TheNativeProviderDoesTheWork() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the native provider ships for linux-x86_64 only");
        assertEquals("AmazonCorrettoCryptoProvider", AesGcm.PROVIDER.getName());
    }

    @Test
    void theJdkOpensWhatWeSeal() throws Exception {
        byte[] sealed = AesGcm.encrypt(key, plaintext, aad);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        jdk.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(AesGcm.TAG_BITS, Arrays.copyOf(sealed, AesGcm.IV_BYTES)));
        jdk.updateAAD(aad);
        assertArrayEquals(plaintext, jdk.doFinal(sealed, AesGcm.IV_BYTES, sealed.length - AesGcm.IV_BYTES));
    }

    @Test
    void weOpenWhatTheJdkSealed() throws Exception {
        byte[] iv = AesGcm.randomBytes(AesGcm.IV_BYTES);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(AesGcm.TAG_BITS, iv));
        jdk.updateAAD(aad);
        byte[] ct = jdk.doFinal(plaintext);
        byte[] sealed = Arrays.copyOf(iv, iv.length + ct.length);
        System.arraycopy(ct, 0, sealed, iv.length, ct.length);
        assertArrayEquals(plaintext, AesGcm.decrypt(key, sealed, aad));
        sealed[sealed.length / 2] ^= 1;
        assertThrows(AEADBadTagException.class, () -> AesGcm.decrypt(key, sealed, aad), "a flipped bit fails the tag");
    }
}
