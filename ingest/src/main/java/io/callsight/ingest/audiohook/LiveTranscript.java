package io.callsight.ingest.audiohook;

import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import java.util.List;
import java.util.Objects;

/**
 * A recognition result to send to a live session as a transcript {@code event} (§9). Times are milliseconds on the
 * call's time line (as in {@code Utterance}: stream position, pauses and discarded audio included); the session
 * converts them to the time line the client expects.
 *
 * @param utteranceKey the same for the interim results and the final of one utterance (§11.13)
 */
public record LiveTranscript(
        Track track,
        String utteranceKey,
        boolean isFinal,
        long startMs,
        long endMs,
        String text,
        double confidence,
        List<Word> words) {

    public LiveTranscript {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(utteranceKey, "utteranceKey");
        Objects.requireNonNull(text, "text");
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** What calls.transcripts carries (already redacted). */
    public static LiveTranscript of(Utterance u) {
        return new LiveTranscript(u.track(), u.track() + "/" + u.idx(), u.isFinal(), u.startMs(), u.endMs(),
                u.redactedText() != null ? u.redactedText() : u.text(), u.confidence(), u.words());
    }
}
