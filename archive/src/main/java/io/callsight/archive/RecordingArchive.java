package io.callsight.archive;

import io.callsight.asr.audio.AudioFormatException;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.EnvelopeException;
import io.callsight.tenants.crypto.SealedBlob;
import io.callsight.tenants.crypto.ShreddedException;
import io.callsight.tenants.crypto.UnknownKeyException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every call's recording, readable only with its tenant's key: each recording is sealed with a fresh data key
 * wrapped by the tenant's key-encryption key ({@link EnvelopeCipher}), bound to its tenant and call id, and kept in
 * a {@link RecordingStore}. Rotating a tenant's key re-wraps the data keys ({@link #rewrap}); the audio is never
 * re-encrypted. Shredding the tenant's keys makes all its recordings unreadable.
 */
public final class RecordingArchive {
    private final RecordingStore store;
    private final EnvelopeCipher cipher;

    public RecordingArchive(RecordingStore store, EnvelopeCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public RecordingStore store() {
        return store;
    }

    /** Seals and stores the call's recording (replacing an earlier one of the same call); returns the sealed size. */
    public long archive(RecordingKey key, DualTrackRecording recording) throws IOException, UnknownKeyException {
        byte[] sealed = cipher.seal(key.tenant(), key.callId(), recording.toWav()).bytes();
        store.put(key, sealed);
        return sealed.length;
    }

    /**
     * The call's recording, opened with its tenant's key. A file that fails its checksum, a sealed recording whose
     * authentication fails, one made for another tenant or call, or one whose key was shredded: each is refused with
     * its reason, never played.
     */
    public Optional<DualTrackRecording> open(RecordingKey key)
            throws IOException, CorruptRecordingException, EnvelopeException {
        Optional<byte[]> sealed = store.get(key);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        byte[] wav = cipher.open(key.tenant(), key.callId(), sealed.get());
        try {
            return Optional.of(DualTrackRecording.fromWav(wav));
        } catch (AudioFormatException e) {
            throw new CorruptRecordingException("recording " + key + " opened but holds no valid audio: " + e.getMessage());
        }
    }

    /**
     * @param rewrapped recordings whose data key is now wrapped by the current key version
     * @param current   recordings that already were
     * @param failed    recordings that could not be re-wrapped, each with its reason (corrupt, tampered, misfiled);
     *                  they keep their old version, which therefore cannot be retired yet
     */
    public record Rewrap(int rewrapped, int current, List<String> failed) {
    }

    /**
     * Re-wraps every recording of the tenant under its current key version. Only the 60-byte wrapped data key in
     * each header changes; the audio ciphertext is copied byte for byte, so this costs one read and one atomic
     * write per recording and no re-encryption. A recording that cannot be re-wrapped is reported and skipped, so
     * one damaged file does not stop the rest.
     *
     * @throws UnknownKeyException the tenant has no current key (shredded, or not in the keyring)
     */
    public Rewrap rewrap(String tenant) throws IOException, UnknownKeyException {
        int changed = 0;
        int current = 0;
        List<String> failed = new ArrayList<>();
        for (StoredRecording r : store.list(tenant)) {
            try {
                Optional<byte[]> sealed = store.get(r.key());
                if (sealed.isEmpty()) {
                    continue; // deleted meanwhile
                }
                SealedBlob.Header header = SealedBlob.parse(sealed.get()).header();
                if (!header.tenant().equals(tenant) || !header.context().equals(r.key().callId())) {
                    // re-wrapping would put another tenant's or call's key version on a misfiled file
                    failed.add(r.key().callId() + ": misfiled, sealed for " + header.tenant() + "/" + header.context());
                    continue;
                }
                byte[] rewrapped = cipher.rewrap(sealed.get());
                if (java.util.Arrays.equals(rewrapped, sealed.get())) {
                    current++;
                } else {
                    store.put(r.key(), rewrapped);
                    changed++;
                }
            } catch (ShreddedException e) {
                throw e; // no current key: nothing of this tenant can be re-wrapped
            } catch (CorruptRecordingException | EnvelopeException e) {
                failed.add(r.key().callId() + ": " + e.getMessage());
            }
        }
        return new Rewrap(changed, current, failed);
    }

    /**
     * Recordings archived longer ago than their tenant's retention ({@code retentionDays} gives it in days per
     * tenant, empty for a tenant no longer registered: its recordings are kept until someone decides). Deletes
     * nothing: what a dry run of {@link #sweep} shows.
     */
    public List<StoredRecording> expired(Instant now, Function<String, Optional<Integer>> retentionDays) throws IOException {
        List<StoredRecording> expired = new ArrayList<>();
        for (String tenant : store.tenants()) {
            Optional<Integer> days = retentionDays.apply(tenant);
            if (days.isEmpty()) {
                continue;
            }
            Instant cutoff = now.minus(Duration.ofDays(days.get()));
            for (StoredRecording r : store.list(tenant)) {
                if (r.archivedAt().isBefore(cutoff)) {
                    expired.add(r);
                }
            }
        }
        return expired;
    }

    /** Deletes the {@linkplain #expired expired} recordings; returns those it deleted. */
    public List<StoredRecording> sweep(Instant now, Function<String, Optional<Integer>> retentionDays) throws IOException {
        List<StoredRecording> deleted = new ArrayList<>();
        for (StoredRecording r : expired(now, retentionDays)) {
            if (store.delete(r.key())) {
                deleted.add(r);
            }
        }
        return deleted;
    }
}
