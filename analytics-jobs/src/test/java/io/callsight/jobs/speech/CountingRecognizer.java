package io.callsight.jobs.speech;

import io.callsight.asr.recognition.RecognizedPartial;
import io.callsight.asr.recognition.RecognizedSegment;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.events.Word;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake recognizer: "hears" one word per second of audio, and counts open streams so leaks show. {@link
 * #withPartials()} also gives partials: the coming word once any of its second is heard, with a quarter-second
 * count behind it ("word2 .2" half way through the second second, "word2 .0" right after word1), so the text
 * changes every 250 ms.
 */
public final class CountingRecognizer implements SpeechRecognizer {
    static final AtomicInteger OPEN_STREAMS = new AtomicInteger();
    static final AtomicInteger OPEN_RECOGNIZERS = new AtomicInteger();
    private final boolean partials;

    public CountingRecognizer() {
        this(false);
    }

    private CountingRecognizer(boolean partials) {
        this.partials = partials;
        OPEN_RECOGNIZERS.incrementAndGet();
    }

    public static CountingRecognizer withPartials() {
        return new CountingRecognizer(true);
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
            public RecognizedPartial partial() {
                long into = samples - words * 16_000L;
                if (!partials || samples == 0) { // once a word is out the next one is "heard" at once
                    return RecognizedPartial.NONE;
                }
                return new RecognizedPartial("word" + (words + 1) + " ." + into / 4_000, words * 1000L);
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
