package io.callsight.asr.recognition;

import io.callsight.asr.vad.TimeMap;
import io.callsight.events.Word;
import java.util.List;

/** A final recognition result: text between two endpoints, times relative to the first audio fed. */
public record RecognizedSegment(String text, long startMs, long endMs, List<Word> words, double confidence) {

    public RecognizedSegment shift(long offsetMs) {
        List<Word> shifted = words.stream()
                .map(w -> new Word(w.word(), w.startMs() + offsetMs, w.endMs() + offsetMs, w.confidence()))
                .toList();
        return new RecognizedSegment(text, startMs + offsetMs, endMs + offsetMs, shifted, confidence);
    }

    /** This result timed on the audio a VAD gate passed, re-timed onto the track (utterance and every word). */
    public RecognizedSegment retimed(TimeMap passedToTrack) {
        List<Word> onTrack = words.stream().map(w -> new Word(w.word(), passedToTrack.toOriginalMs(w.startMs()),
                passedToTrack.toOriginalEndMs(w.endMs()), w.confidence())).toList();
        return new RecognizedSegment(text, passedToTrack.toOriginalMs(startMs), passedToTrack.toOriginalEndMs(endMs),
                onTrack, confidence);
    }
}
