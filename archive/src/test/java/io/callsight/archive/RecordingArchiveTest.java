package io.callsight.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.bench.SyntheticCalls;
import io.callsight.events.Track;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.crypto.SealedBlob;
import io.callsight.tenants.crypto.ShreddedException;
import io.callsight.tenants.crypto.TamperedException;
import io.callsight.tenants.crypto.UnknownKeyException;
import io.callsight.tenants.crypto.WrongContextException;
import io.callsight.tenants.crypto.WrongTenantException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing, storing, opening, refusing, rotating, shredding and sweeping recordings on a real temp data dir. */
class RecordingArchiveTest {
    private static final RecordingKey ACME_1 = new RecordingKey(TestTenants.ACME, "call-1");

    @TempDir
    Path dir;

    static DualTrackRecording call(long seed) {
        return DualTrackRecording.fromFrames(SyntheticCalls.frames("t", "c", 3_000, seed));
    }

    @Test
    void aSealedRecordingOpensAsItWasArchived() throws Exception {
        TestTenants t = TestTenants.in(dir);
        DualTrackRecording recording = call(1);
        long sealed = t.archive.archive(ACME_1, recording);

        DualTrackRecording opened = t.archive.open(ACME_1).orElseThrow();
        assertArrayEquals(recording.pcm(Track.CUSTOMER), opened.pcm(Track.CUSTOMER));
        assertArrayEquals(recording.pcm(Track.AGENT), opened.pcm(Track.AGENT));
        assertEquals(recording.durationMs(), opened.durationMs());
        assertEquals(recording.codec(), opened.codec());
        List<StoredRecording> listed = t.store.list(TestTenants.ACME);
        assertEquals(1, listed.size());
        assertEquals(ACME_1, listed.get(0).key());
        assertTrue(listed.get(0).sizeBytes() > sealed, "the file holds the sealed recording plus header and checksum");
        assertEquals(Optional.empty(), t.archive.open(new RecordingKey(TestTenants.ACME, "call-2")));
        assertEquals(List.of(), t.store.list(TestTenants.GLOBEX));
    }

    @Test
    void aByteFlippedOnDiskFailsTheChecksum() throws Exception {
        TestTenants t = TestTenants.in(dir);
        t.archive.archive(ACME_1, call(2));
        Path file = t.store.file(ACME_1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        CorruptRecordingException e = assertThrows(CorruptRecordingException.class, () -> t.archive.open(ACME_1));
        assertTrue(e.getMessage().contains("fails its checksum"), e.getMessage());
    }

    @Test
    void tamperingThatKeepsTheChecksumRightFailsAuthentication() throws Exception {
        TestTenants t = TestTenants.in(dir);
        t.archive.archive(ACME_1, call(3));
        byte[] sealed = t.store.get(ACME_1).orElseThrow();

        byte[] payload = sealed.clone();
        payload[payload.length - 100] ^= 0x01; // inside the audio ciphertext
        Files.write(t.store.file(ACME_1), FileSystemRecordingStore.encode(payload, System.currentTimeMillis()));
        TamperedException e = assertThrows(TamperedException.class, () -> t.archive.open(ACME_1));
        assertEquals(TamperedException.Reason.PAYLOAD_AUTHENTICATION, e.reason());

        byte[] wrappedKey = sealed.clone();
        int offset = SealedBlob.parse(sealed).payloadOffset() - 12 - 20; // inside the wrapped data key, before the IV
        wrappedKey[offset] ^= 0x01;
        Files.write(t.store.file(ACME_1), FileSystemRecordingStore.encode(wrappedKey, System.currentTimeMillis()));
        e = assertThrows(TamperedException.class, () -> t.archive.open(ACME_1));
        assertEquals(TamperedException.Reason.DATA_KEY_AUTHENTICATION, e.reason());
    }

    @Test
    void aTruncatedFileIsCorrupt() throws Exception {
        TestTenants t = TestTenants.in(dir);
        t.archive.archive(ACME_1, call(4));
        Path file = t.store.file(ACME_1);
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 20, 0}) {
            Files.write(file, Arrays.copyOf(bytes, keep));
            CorruptRecordingException e = assertThrows(CorruptRecordingException.class, () -> t.archive.open(ACME_1));
            assertTrue(e.getMessage().contains("truncated"), keep + ": " + e.getMessage());
        }
    }

    @Test
    void aFileCopiedToAnotherTenantOrCallIsRefused() throws Exception {
        TestTenants t = TestTenants.in(dir);
        t.archive.archive(ACME_1, call(5));
        t.archive.archive(new RecordingKey(TestTenants.GLOBEX, "call-9"), call(6)); // globex's directory exists
        RecordingKey misfiled = new RecordingKey(TestTenants.GLOBEX, ACME_1.callId());
        Files.copy(t.store.file(ACME_1), t.store.file(misfiled));

        WrongTenantException wrongTenant = assertThrows(WrongTenantException.class, () -> t.archive.open(misfiled));
        assertTrue(wrongTenant.getMessage().contains("belongs to tenant 'acme', not 'globex'"), wrongTenant.getMessage());

        RecordingKey renamed = new RecordingKey(TestTenants.ACME, "call-2");
        Files.copy(t.store.file(ACME_1), t.store.file(renamed));
        assertThrows(WrongContextException.class, () -> t.archive.open(renamed));
    }

    @Test
    void anArchivedFileHoldsNoPlaintextAudio() throws Exception {
        TestTenants t = TestTenants.in(dir);
        DualTrackRecording recording = call(7);
        t.archive.archive(ACME_1, recording);
        byte[] file = Files.readAllBytes(t.store.file(ACME_1));
        String stored = new String(file, StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("RIFF"), "a WAV header in the file");
        assertFalse(stored.contains("WAVE"), "a WAV header in the file");

        byte[] wav = recording.toWav();
        byte[] audio = Arrays.copyOfRange(wav, 44, wav.length);
        int run = 32;
        Set<String> windows = new HashSet<>();
        for (int i = 0; i + run <= file.length; i++) {
            windows.add(stored.substring(i, i + run));
        }
        String source = new String(audio, StandardCharsets.ISO_8859_1);
        for (int i = 0; i + run <= source.length(); i++) {
            assertFalse(windows.contains(source.substring(i, i + run)), "source audio bytes " + i + ".." + (i + run) + " in the file");
        }
    }

    @Test
    void rotationRewrapsDataKeysAndLeavesTheAudioCiphertextAlone() throws Exception {
        TestTenants t = TestTenants.in(dir);
        List<RecordingKey> keys = List.of(ACME_1, new RecordingKey(TestTenants.ACME, "call-2"),
                new RecordingKey(TestTenants.ACME, "call-3"));
        for (int i = 0; i < keys.size(); i++) {
            t.archive.archive(keys.get(i), call(10 + i));
        }
        RecordingKey globex = new RecordingKey(TestTenants.GLOBEX, "call-1");
        t.archive.archive(globex, call(20));
        List<byte[]> payloads = keys.stream().map(k -> payload(t, k)).toList();
        assertEquals(1, kekVersion(t, ACME_1));

        int version = t.admin.rotateKek(TestTenants.ACME);
        assertEquals(2, version);
        RecordingArchive.Rewrap rewrap = t.archive.rewrap(TestTenants.ACME);
        assertEquals(new RecordingArchive.Rewrap(3, 0, List.of()), rewrap);

        for (int i = 0; i < keys.size(); i++) {
            assertEquals(2, kekVersion(t, keys.get(i)));
            assertArrayEquals(payloads.get(i), payload(t, keys.get(i)), "the audio was re-encrypted");
            assertTrue(t.archive.open(keys.get(i)).isPresent());
        }
        assertEquals(new RecordingArchive.Rewrap(0, 3, List.of()), t.archive.rewrap(TestTenants.ACME), "nothing left to do");
        assertEquals(new RecordingArchive.Rewrap(0, 1, List.of()), t.archive.rewrap(TestTenants.GLOBEX));
        assertEquals(1, kekVersion(t, globex));

        // a damaged or misfiled file is reported and skipped; the others are re-wrapped
        t.admin.rotateKek(TestTenants.ACME);
        Path damaged = t.store.file(keys.get(1));
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 1;
        Files.write(damaged, bytes);
        RecordingKey misfiled = new RecordingKey(TestTenants.ACME, "copied-from-globex");
        Files.copy(t.store.file(globex), t.store.file(misfiled));
        RecordingArchive.Rewrap partial = t.archive.rewrap(TestTenants.ACME);
        assertEquals(2, partial.rewrapped());
        assertEquals(2, partial.failed().size(), partial.toString());
        assertTrue(partial.failed().stream().anyMatch(f -> f.startsWith("call-2: ") && f.contains("checksum")), partial.toString());
        assertTrue(partial.failed().stream().anyMatch(f -> f.contains("misfiled")), partial.toString());
        Files.delete(t.store.file(misfiled));
        t.archive.archive(keys.get(1), call(11));

        // after a full sweep the old versions can go, and every recording still opens
        t.admin.keyring().retire(TestTenants.ACME, 1);
        t.admin.keyring().retire(TestTenants.ACME, 2);
        for (RecordingKey k : keys) {
            assertTrue(t.archive.open(k).isPresent());
        }
    }

    private static byte[] payload(TestTenants t, RecordingKey key) {
        try {
            SealedBlob blob = SealedBlob.parse(t.store.get(key).orElseThrow());
            return Arrays.copyOfRange(blob.bytes(), blob.payloadOffset(), blob.bytes().length);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int kekVersion(TestTenants t, RecordingKey key) throws Exception {
        return SealedBlob.parse(t.store.get(key).orElseThrow()).kekVersion();
    }

    @Test
    void shreddingATenantMakesItsRecordingsUnreadable() throws Exception {
        TestTenants t = TestTenants.in(dir);
        t.archive.archive(ACME_1, call(30));
        RecordingKey globex = new RecordingKey(TestTenants.GLOBEX, "call-1");
        t.archive.archive(globex, call(31));

        assertTrue(t.admin.remove(TestTenants.ACME, true).shredded());
        UnknownKeyException e = assertThrows(UnknownKeyException.class, () -> t.archive.open(ACME_1));
        assertInstanceOf(ShreddedException.class, e);
        assertTrue(Files.exists(t.store.file(ACME_1)), "shredding destroys keys, not files");
        assertTrue(t.archive.open(globex).isPresent(), "another tenant is not affected");
        assertThrows(UnknownKeyException.class, () -> t.archive.archive(new RecordingKey(TestTenants.ACME, "call-2"), call(32)));
        assertThrows(ShreddedException.class, () -> t.archive.rewrap(TestTenants.ACME));
    }

    @Test
    void aSweepDeletesOnlyWhatIsOlderThanItsTenantsRetention() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        TestTenants t = TestTenants.in(dir, clock);
        RecordingKey acmeOld = new RecordingKey(TestTenants.ACME, "old");
        RecordingKey globexOld = new RecordingKey(TestTenants.GLOBEX, "old");
        RecordingKey unregistered = new RecordingKey("initech", "old");
        t.archive.archive(acmeOld, call(40));
        t.archive.archive(globexOld, call(41));
        t.store.put(unregistered, new byte[] {1, 2, 3}); // a tenant removed from the registry: nobody decided yet
        clock.advance(Duration.ofDays(20));
        RecordingKey acmeRecent = new RecordingKey(TestTenants.ACME, "recent");
        t.archive.archive(acmeRecent, call(42));
        clock.advance(Duration.ofDays(15)); // acme-old is 35 days old, acme-recent 15; acme keeps 30, globex 365

        Function<String, Optional<Integer>> retention = tenant -> t.admin.registry().tenant(tenant)
                .map(Tenant::retention).map(r -> r.recordingsDays());
        assertEquals(List.of(acmeOld), t.archive.expired(clock.instant(), retention).stream().map(StoredRecording::key).toList());
        assertTrue(Files.exists(t.store.file(acmeOld)), "listing what expired deletes nothing");

        List<StoredRecording> deleted = t.archive.sweep(clock.instant(), retention);
        assertEquals(List.of(acmeOld), deleted.stream().map(StoredRecording::key).toList());
        assertFalse(Files.exists(t.store.file(acmeOld)));
        assertTrue(t.archive.open(acmeRecent).isPresent());
        assertTrue(t.archive.open(globexOld).isPresent());
        assertTrue(Files.exists(t.store.file(unregistered)));

        clock.advance(Duration.ofDays(16));
        assertEquals(List.of(acmeRecent), t.archive.sweep(clock.instant(), retention).stream().map(StoredRecording::key).toList());
    }
}
