package io.callsight.asr.recognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.events.Word;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk (Kaldi) streaming recognition. The model (~180 MiB native memory) is loaded once per JVM and shared
 * by reference count, so several Flink subtasks in one task manager hold one copy; it is freed when the
 * last user closes.
 */
public final class VoskRecognizer implements SpeechRecognizer {
    private static final int SAMPLE_RATE = 16_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentHashMap<Path, SharedModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger OPEN_STREAMS = new AtomicInteger();

    private final Path modelPath;
    private final SharedModel model;
    private boolean closed;

    public VoskRecognizer(Path modelPath) {
        this.modelPath = modelPath.toAbsolutePath().normalize();
        this.model = acquire(this.modelPath);
    }

    public static VoskRecognizer withDefaultModel() {
        return new VoskRecognizer(VoskModelLocator.locate());
    }

    /** Streams currently open in this JVM: a leak shows up here before it shows in RSS. */
    public static int openStreams() {
        return OPEN_STREAMS.get();
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public Stream openStream() {
        if (closed) {
            throw new IllegalStateException("recognizer is closed");
        }
        return new VoskStream(model.model);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release(modelPath);
        }
    }

    private static SharedModel acquire(Path path) {
        return MODELS.compute(path, (p, existing) -> {
            SharedModel shared = existing != null ? existing : new SharedModel(load(p));
            shared.users++;
            return shared;
        });
    }

    private static void release(Path path) {
        MODELS.computeIfPresent(path, (p, shared) -> {
            if (--shared.users > 0) {
                return shared;
            }
            shared.model.close();
            return null;
        });
    }

    private static Model load(Path path) {
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        try {
            return new Model(path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load Vosk model from " + path, e);
        }
    }

    private static final class SharedModel {
        final Model model;
        int users;

        SharedModel(Model model) {
            this.model = model;
        }
    }

    private static final class VoskStream implements Stream {
        private final Recognizer recognizer;
        private boolean closed;

        VoskStream(Model model) {
            try {
                this.recognizer = new Recognizer(model, SAMPLE_RATE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Vosk recognizer", e);
            }
            recognizer.setWords(true);
            // Partial words would say where the utterance starts, but Vosk then reads partials from the incrementally
            // determinized lattice, which lags the decoder by about 1.2 s; without them it takes the best path
            // through what has been decoded (docs/latency.md).
            recognizer.setPartialWords(false);
            OPEN_STREAMS.incrementAndGet();
        }

        @Override
        public List<RecognizedSegment> accept(short[] pcm) {
            if (pcm.length == 0) {
                return List.of();
            }
            if (recognizer.acceptWaveForm(pcm, pcm.length)) {
                return parse(recognizer.getResult());
            }
            return List.of();
        }

        @Override
        public List<RecognizedSegment> finish() {
            return parse(recognizer.getFinalResult());
        }

        @Override
        public RecognizedPartial partial() {
            return parsePartial(recognizer.getPartialResult());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                recognizer.close();
                OPEN_STREAMS.decrementAndGet();
            }
        }
    }

    /** {@code {"partial": "text", "partial_result": [{"word":..., "start": s, ...}]}} */
    static RecognizedPartial parsePartial(String partialJson) {
        try {
            JsonNode root = JSON.readTree(partialJson);
            String text = root.path("partial").asText("").trim();
            if (text.isEmpty()) {
                return RecognizedPartial.NONE;
            }
            JsonNode first = root.path("partial_result").path(0);
            long start = first.has("start") ? Math.round(first.path("start").asDouble() * 1000)
                    : RecognizedPartial.UNKNOWN_START;
            return new RecognizedPartial(text, start);
        } catch (IOException e) {
            throw new UncheckedIOException("Vosk returned unreadable JSON: " + partialJson, e);
        }
    }

    static List<RecognizedSegment> parse(String resultJson) {
        try {
            JsonNode root = JSON.readTree(resultJson);
            JsonNode result = root.path("result");
            String text = root.path("text").asText("").trim();
            if (text.isEmpty() || !result.isArray() || result.isEmpty()) {
                return List.of();
            }
            List<Word> words = new ArrayList<>(result.size());
            double confidenceSum = 0;
            for (JsonNode w : result) {
                double conf = w.path("conf").asDouble(1.0);
                confidenceSum += conf;
                words.add(new Word(w.path("word").asText(), Math.round(w.path("start").asDouble() * 1000),
                        Math.round(w.path("end").asDouble() * 1000), conf));
            }
            return List.of(new RecognizedSegment(text, words.get(0).startMs(), words.get(words.size() - 1).endMs(),
                    words, confidenceSum / words.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("Vosk returned unreadable JSON: " + resultJson, e);
        }
    }
}
