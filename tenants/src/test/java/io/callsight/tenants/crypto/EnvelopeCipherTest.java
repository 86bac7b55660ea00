package io.callsight.tenants.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTest {
    private static final String ACME = "acme-bank";
    private static final String NOVA = "nova-telecom";
    private static final String CALL = "demo-bank-01-card-lost";

    @TempDir
    Path dir;
    private TenantKeyring keyring;
    private EnvelopeCipher cipher;

    @BeforeEach
    void setUp() throws Exception {
        MasterKey master = MasterKey.generate(dir.resolve("master.key"));
        keyring = TenantKeyring.open(dir.resolve("keyring.json"), master);
        keyring.ensure(ACME);
        keyring.ensure(NOVA);
        cipher = new EnvelopeCipher(keyring);
    }

    /** One second of a 440 Hz tone as 16-bit little-endian PCM at 8 kHz, stereo: highly repetitive on purpose. */
    static byte[] pcm(int seconds) {
        ByteBuffer b = ByteBuffer.allocate(seconds * 8000 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < seconds * 8000; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            b.putShort(s).putShort((short) 0);
        }
        return b.array();
    }

    private byte[] sealed(byte[] plaintext) throws Exception {
        return cipher.seal(ACME, CALL, plaintext).bytes();
    }

    private TamperedException assertTampered(byte[] sealed, TamperedException.Reason reason) {
        TamperedException e = assertThrows(TamperedException.class, () -> cipher.open(ACME, CALL, sealed));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void roundTrip() throws Exception {
        byte[] audio = pcm(2);
        SealedBlob blob = cipher.seal(ACME, CALL, audio);
        assertEquals(ACME, blob.tenant());
        assertEquals(CALL, blob.context());
        assertEquals(1, blob.kekVersion());
        assertArrayEquals(audio, cipher.open(ACME, CALL, blob.bytes()));
        assertArrayEquals(new byte[0], cipher.open(ACME, CALL, cipher.seal(ACME, CALL, new byte[0]).bytes()));
        assertArrayEquals(new byte[] {1, 2, 3}, cipher.open(ACME, "通话-7", cipher.seal(ACME, "通话-7", new byte[] {1, 2, 3}).bytes()));
    }

    @Test
    void everySealUsesAFreshDataKeyAndIv() throws Exception {
        byte[] audio = pcm(1);
        SealedBlob a = cipher.seal(ACME, CALL, audio);
        SealedBlob b = cipher.seal(ACME, CALL, audio);
        assertFalse(Arrays.equals(a.header().wrappedDataKey(), b.header().wrappedDataKey()));
        assertFalse(Arrays.equals(a.header().payloadIv(), b.header().payloadIv()));
        assertFalse(Arrays.equals(a.bytes(), b.bytes()));
    }

    @Test
    void streamingSealAndOpenMatchTheByteArrayApi() throws Exception {
        byte[] audio = pcm(3);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        SealedBlob.Header h = cipher.seal(ACME, CALL, new ByteArrayInputStream(audio), sealed);
        assertEquals(1, h.kekVersion());
        assertArrayEquals(audio, cipher.open(ACME, CALL, sealed.toByteArray()), "a streamed blob opens with the byte[] API");
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        cipher.open(ACME, CALL, new ByteArrayInputStream(cipher.seal(ACME, CALL, audio).bytes()), opened);
        assertArrayEquals(audio, opened.toByteArray());

        byte[] tampered = sealed.toByteArray();
        tampered[tampered.length - 100] ^= 1;
        ByteArrayOutputStream nothing = new ByteArrayOutputStream();
        TamperedException e = assertThrows(TamperedException.class,
                () -> cipher.open(ACME, CALL, new ByteArrayInputStream(tampered), nothing));
        assertEquals(TamperedException.Reason.PAYLOAD_AUTHENTICATION, e.reason());
        assertEquals(0, nothing.size(), "no unauthenticated plaintext is released");
        byte[] cut = Arrays.copyOf(sealed.toByteArray(), 30);
        assertEquals(TamperedException.Reason.TRUNCATED, assertThrows(TamperedException.class,
                () -> cipher.open(ACME, CALL, new ByteArrayInputStream(cut), nothing)).reason());
    }

    @Test
    void aSealedRecordingContainsNoRunOfItsPlaintext() throws Exception {
        byte[] audio = pcm(2);
        byte[] sealed = sealed(audio);
        int run = 64;
        // every 64-byte window of the plaintext (step 1 over the first period, so every phase is covered)
        java.util.Set<ByteBuffer> windows = new java.util.HashSet<>();
        for (int i = 0; i + run <= audio.length; i += (i < 4000 ? 1 : 61)) {
            windows.add(ByteBuffer.wrap(audio, i, run).slice());
        }
        for (int i = 0; i + run <= sealed.length; i++) {
            if (windows.contains(ByteBuffer.wrap(sealed, i, run).slice())) {
                fail("sealed blob contains 64 plaintext bytes at offset " + i);
            }
        }
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("RIFF"));
    }

    @Test
    void aFlippedByteAnywhereIsRefused() throws Exception {
        byte[] sealed = sealed(pcm(1));
        int headerAndSome = SealedBlob.parse(sealed).payloadOffset() + 64;
        for (int i = 0; i < sealed.length; i += i < headerAndSome ? 1 : 997) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] t = sealed.clone();
                t[i] ^= bit;
                try {
                    cipher.open(ACME, CALL, t);
                    fail("byte " + i + " flipped (bit " + bit + ") still opened");
                } catch (EnvelopeException expected) {
                    // each kind is checked below; here only that nothing opens
                }
            }
        }
        byte[] last = sealed.clone();
        last[last.length - 1] ^= 1; // inside the GCM tag
        assertTampered(last, TamperedException.Reason.PAYLOAD_AUTHENTICATION);
    }

    @Test
    void eachTamperingSaysWhatFailed() throws Exception {
        byte[] sealed = sealed(pcm(1));
        SealedBlob blob = SealedBlob.parse(sealed);
        int wrappedAt = 4 + 1 + 1 + ACME.length() + 2 + CALL.length() + 4 + 2;
        int ivAt = wrappedAt + blob.header().wrappedDataKey().length;
        assertEquals(blob.payloadOffset(), ivAt + 12);

        byte[] magic = sealed.clone();
        magic[0] = 'X';
        assertTampered(magic, TamperedException.Reason.BAD_MAGIC);

        byte[] format = sealed.clone();
        format[4] = 9;
        assertTrue(assertTampered(format, TamperedException.Reason.UNSUPPORTED_FORMAT).getMessage().contains("format 9"));

        byte[] wrapped = sealed.clone();
        wrapped[wrappedAt + 20] ^= 1;
        assertTampered(wrapped, TamperedException.Reason.DATA_KEY_AUTHENTICATION);

        byte[] iv = sealed.clone();
        iv[ivAt] ^= 1;
        assertTampered(iv, TamperedException.Reason.PAYLOAD_AUTHENTICATION);

        byte[] payload = sealed.clone();
        payload[blob.payloadOffset() + 1000] ^= 1;
        assertTampered(payload, TamperedException.Reason.PAYLOAD_AUTHENTICATION);

        byte[] length = sealed.clone();
        length[4 + 1] = (byte) 200; // tenant length past what follows
        assertThrows(TamperedException.class, () -> cipher.open(ACME, CALL, length));

        assertTampered(new byte[0], TamperedException.Reason.TRUNCATED);
        assertTampered(Arrays.copyOf(sealed, 3), TamperedException.Reason.TRUNCATED);
        assertTampered(Arrays.copyOf(sealed, 20), TamperedException.Reason.TRUNCATED);
        assertTampered(Arrays.copyOf(sealed, blob.payloadOffset() + 5), TamperedException.Reason.TRUNCATED);
        assertTampered(Arrays.copyOf(sealed, sealed.length - 1), TamperedException.Reason.PAYLOAD_AUTHENTICATION);
        assertTampered(Arrays.copyOf(sealed, sealed.length - 5000), TamperedException.Reason.PAYLOAD_AUTHENTICATION);
    }

    @Test
    void aBlobForAnotherTenantOrCallIsRefused() throws Exception {
        byte[] sealed = sealed(pcm(1));
        WrongTenantException t = assertThrows(WrongTenantException.class, () -> cipher.open(NOVA, CALL, sealed));
        assertTrue(t.getMessage().contains("'acme-bank', not 'nova-telecom'"), t.getMessage());
        assertThrows(WrongContextException.class, () -> cipher.open(ACME, "demo-bank-02-overdraft", sealed));
    }

    @Test
    void aHeaderEditedToClaimAnotherCallOrTenantFailsAuthentication() throws Exception {
        byte[] sealed = sealed(pcm(1));
        // same length, so the layout stays valid: only the AAD can catch it
        String otherCall = CALL.replace("01", "02");
        byte[] renamed = replace(sealed, CALL, otherCall);
        TamperedException e = assertThrows(TamperedException.class, () -> cipher.open(ACME, otherCall, renamed));
        assertEquals(TamperedException.Reason.DATA_KEY_AUTHENTICATION, e.reason());

        keyring.ensure("acme-banx");
        byte[] moved = replace(sealed, ACME, "acme-banx");
        assertThrows(TamperedException.class, () -> cipher.open("acme-banx", CALL, moved));
    }

    private static byte[] replace(byte[] sealed, String from, String to) {
        byte[] out = sealed.clone();
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(to.getBytes(StandardCharsets.UTF_8), 0, out, i, f.length);
                return out;
            }
        }
        throw new AssertionError(from + " not in header");
    }

    @Test
    void oldBlobsStillOpenAfterRotationAndRewrapChangesOnlyTheWrappedKey() throws Exception {
        byte[] audio = pcm(1);
        byte[] v1 = sealed(audio);
        assertEquals(2, keyring.rotate(ACME));
        assertEquals(2, keyring.currentKek(ACME).version());
        assertArrayEquals(audio, cipher.open(ACME, CALL, v1), "sealed under v1, still opens");
        assertEquals(2, cipher.seal(ACME, CALL, audio).kekVersion(), "new blobs use the new version");

        byte[] v2 = cipher.rewrap(v1);
        SealedBlob before = SealedBlob.parse(v1);
        SealedBlob after = SealedBlob.parse(v2);
        assertEquals(2, after.kekVersion());
        assertNotEquals(Arrays.toString(before.header().wrappedDataKey()), Arrays.toString(after.header().wrappedDataKey()));
        assertArrayEquals(before.header().payloadIv(), after.header().payloadIv());
        assertArrayEquals(Arrays.copyOfRange(v1, before.payloadOffset(), v1.length),
                Arrays.copyOfRange(v2, after.payloadOffset(), v2.length), "the payload ciphertext is untouched");
        assertArrayEquals(audio, cipher.open(ACME, CALL, v2));
        assertArrayEquals(v2, cipher.rewrap(v2), "already current: unchanged");

        keyring.retire(ACME, 1);
        assertArrayEquals(audio, cipher.open(ACME, CALL, v2), "re-wrapped blobs no longer need v1");
        UnknownKeyException gone = assertThrows(UnknownKeyException.class, () -> cipher.open(ACME, CALL, v1));
        assertTrue(gone.getMessage().contains("no key version 1"), gone.getMessage());
        assertThrows(IllegalArgumentException.class, () -> keyring.retire(ACME, 2), "the current version cannot be retired");
    }

    @Test
    void rotationIsSeenByAnotherProcessesKeyring() throws Exception {
        TenantKeyring service = TenantKeyring.open(keyring.file(), MasterKey.fromFile(dir.resolve("master.key")));
        EnvelopeCipher serviceCipher = new EnvelopeCipher(service);
        keyring.rotate(ACME);
        byte[] sealedByAdmin = cipher.seal(ACME, CALL, new byte[] {7}).bytes();
        assertArrayEquals(new byte[] {7}, serviceCipher.open(ACME, CALL, sealedByAdmin));
        assertEquals(2, serviceCipher.seal(ACME, CALL, new byte[] {7}).kekVersion());
    }

    @Test
    void shreddingMakesEveryBlobOfTheTenantUnreadable() throws Exception {
        byte[] v1 = sealed(pcm(1));
        keyring.rotate(ACME);
        byte[] v2 = sealed(pcm(1));
        byte[] nova = cipher.seal(NOVA, CALL, new byte[] {1}).bytes();
        assertTrue(keyring.shred(ACME));
        for (byte[] blob : new byte[][] {v1, v2}) {
            ShreddedException e = assertThrows(ShreddedException.class, () -> cipher.open(ACME, CALL, blob));
            assertTrue(e.getMessage().contains("shredded"), e.getMessage());
            assertThrows(ShreddedException.class, () -> cipher.rewrap(blob));
        }
        assertThrows(ShreddedException.class, () -> cipher.seal(ACME, CALL, new byte[] {1}));
        assertArrayEquals(new byte[] {1}, cipher.open(NOVA, CALL, nova), "other tenants are untouched");

        // a tenant re-added after a shred gets new versions: an old blob never meets a new key with its number
        assertEquals(3, keyring.ensure(ACME));
        assertThrows(ShreddedException.class, () -> cipher.open(ACME, CALL, v2));
        assertEquals(java.util.List.of(3), keyring.status(ACME).orElseThrow().versions());
        assertEquals(2, keyring.status(ACME).orElseThrow().shreddedThrough());
    }

    @Test
    void aTenantWithoutKeysCannotSeal() {
        UnknownKeyException e = assertThrows(UnknownKeyException.class, () -> cipher.seal("shield-insurance", CALL, new byte[1]));
        assertTrue(e.getMessage().contains("tenant 'shield-insurance' has no keys"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cipher.seal("../etc", CALL, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(ACME, "", new byte[1]));
    }
}
