package io.callsight.jobs.speech;

import io.callsight.asr.recognition.RecognizedSegment;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.events.Word;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake recognizer: "hears" one word per second of audio, and counts open streams so leaks show. */
public final class CountingRecognizer implements SpeechRecognizer {
    static final AtomicInteger OPEN_STREAMS = new AtomicInteger();
    static final AtomicInteger OPEN_RECOGNIZERS = new AtomicInteger();

    public CountingRecognizer() {
        OPEN_RECOGNIZERS.incrementAndGet();
    }

    @Override
    public int sampleRate() {
        return 16_000;
    }

    @Override
    public Stream openStream() {
        OPEN_STREAMS.incrementAndGet();
        return new Stream() {
            private long samples;
            private int words;

            @Override
            public List<RecognizedSegment> accept(short[] pcm) {
                samples += pcm.length;
                if (samples / 16_000 > words) {
                    words++;
                    long ms = (words - 1) * 1000L;
                    return List.of(new RecognizedSegment("word" + words, ms, ms + 500,
                            List.of(new Word("word" + words, ms, ms + 500, 0.9)), 0.9));
                }
                return List.of();
            }

            @Override
            public List<RecognizedSegment> finish() {
                return List.of();
            }

            @Override
            public void close() {
                OPEN_STREAMS.decrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        OPEN_RECOGNIZERS.decrementAndGet();
    }
}
