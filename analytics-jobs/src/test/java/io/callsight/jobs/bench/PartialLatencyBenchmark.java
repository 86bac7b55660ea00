package io.callsight.jobs.bench;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.noise.SpeechCorpus;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.VoskModelLocator;
import io.callsight.asr.recognition.VoskModelVariant;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.jobs.SpeechJob;
import io.callsight.jobs.kafka.KeyedBytes;
import io.callsight.jobs.kafka.RawRecord;
import io.callsight.jobs.speech.AnalyzeUtterances;
import io.callsight.search.ElasticsearchDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long after a word is spoken it shows as a partial transcript: LJ Speech read aloud as a phone line (8 kHz
 * μ-law) is fed to the whole speech job ({@link SpeechJob#build}, real Vosk, MiniCluster) in real time, one frame
 * per frame length, and the transcripts sink stamps each record's arrival. A word counts as visible when the first
 * partial of its utterance with at least as many words arrives; it was spoken when the audio up to its end (from the
 * final's word timings) had been captured, i.e. when the frame holding it was sent, minus what of the frame came
 * after it. Not part of the suite (it runs in real time): {@code -Dcallsight.bench.latency=true}. Results in
 * docs/latency.md.
 */
class PartialLatencyBenchmark {
    private static final Map<String, Long> SENT_AT = new ConcurrentHashMap<>();
    private static final Map<String, Queue<Arrival>> ARRIVED = new ConcurrentHashMap<>();
    private static final int RATE = 8000;
    private static final JsonCodec<Utterance> JSON = JsonCodec.of(Utterance.class);

    @TempDir
    Path models;

    record Arrival(long atMs, KeyedBytes record) {
    }

    @Test
    void wordsShowAsPartialsWithinHalfASecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("callsight.bench.latency"), "-Dcallsight.bench.latency=true runs it");
        byte[] line = lineAudio(3);
        System.out.printf("%.1f s of LJ Speech, fed in real time through the speech job (Vosk, RNN denoiser)%n",
                line.length / (double) RATE);
        measure(Arrays.copyOf(line, RATE * 4), 20, 10, 200, 0, false); // warm-up: JIT, model load, first nnet compile
        System.out.println("frame ms | buffer timeout ms | partial interval ms | Vosk frames/chunk | partials | words"
                + " | word visible after (ms) p50 / p90 / max | first word of an utterance p50 / max | decode CPU s");
        // the baseline first: import's 100 ms frames and Flink's default 100 ms buffer timeout
        for (int[] run : runs()) {
            measure(line, run[0], run[1], run[2], run[3], true);
        }
    }

    /**
     * {@code -Dcallsight.bench.latency.runs=20:10:200:12,...} (frame ms : buffer timeout ms : partial interval ms : Vosk
     * frames per chunk) compares chosen settings; without it, the baseline and each lever as in docs/latency.md.
     */
    private static int[][] runs() {
        String chosen = System.getProperty("callsight.bench.latency.runs", "");
        if (chosen.isBlank()) {
            return new int[][] {{100, 100, 200, 0}, {100, 10, 200, 0}, {20, 100, 200, 0}, {20, 10, 200, 0},
                    {20, 10, 100, 0}, {20, 10, 200, 6}, {100, 10, 200, 6}};
        }
        return Arrays.stream(chosen.split(",")).map(r -> Arrays.stream(r.trim().split(":"))
                .mapToInt(Integer::parseInt).toArray()).toArray(int[][]::new);
    }

    /** {@code files} LJ Speech recordings, 8 kHz μ-law, with a second of line silence after each. */
    private static byte[] lineAudio(int files) throws Exception {
        Path wavs = SpeechCorpus.datasetsDir().resolve("ljspeech-sample/wavs");
        Assumptions.assumeTrue(Files.isDirectory(wavs), "no LJ Speech sample at " + wavs);
        List<Path> chosen;
        try (var list = Files.list(wavs)) {
            chosen = list.sorted().limit(files).toList();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path p : chosen) {
            WavAudio audio = WavFile.read(p);
            out.write(G711.ulawEncode(Resampler.resample(audio.pcm(0), audio.sampleRate(), RATE)));
            byte[] silence = G711.ulawEncode(new short[RATE]);
            out.write(silence);
        }
        return out.toByteArray();
    }

    private void measure(byte[] line, int frameMs, long bufferTimeoutMs, long partialIntervalMs, int framesPerChunk,
            boolean print) throws Exception {
        String run = UUID.randomUUID().toString();
        int frameBytes = RATE * frameMs / 1000;
        int frames = (line.length + frameBytes - 1) / frameBytes;
        ARRIVED.put(run, new ConcurrentLinkedQueue<>());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.setBufferTimeout(bufferTimeoutMs);
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        String callId = "bench-" + frameMs + "-" + bufferTimeoutMs;
        var source = new DataGeneratorSource<>(i -> {
            int seq = (int) (long) i;
            int from = seq * frameBytes;
            byte[] payload = Arrays.copyOfRange(line, from, Math.min(line.length, from + frameBytes));
            AudioFrame frame = new AudioFrame("bench", callId, Track.CUSTOMER, seq, (long) seq * frameMs, AudioCodec.PCMU,
                    RATE, payload, seq == frames - 1);
            SENT_AT.put(run + "/" + seq, System.currentTimeMillis());
            return new RawRecord(Topics.AUDIO, 0, seq, frame.trackKey(), AudioFrameCodec.encode(frame));
        }, frames, RateLimiterStrategy.perSecond(1000.0 / frameMs), type);
        String model = VoskModelLocator.locate().toAbsolutePath().toString();
        long cpuBefore = processCpuNanos();
        SpeechJob.build(env, source, new TimingSink(run), new Discard(),
                () -> new VoskRecognizer(VoskModelVariant.withFramesPerChunk(Path.of(model), framesPerChunk)),
                FrontEndConfig.defaults(), 60_000, partialIntervalMs, new AnalyzeUtterances.Settings(models.toString(), 60_000),
                SpeechJob.Tenancy.open());
        env.execute("partial latency " + frameMs + " ms frames");
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

        List<Arrival> transcripts = ARRIVED.get(run).stream().filter(a -> a.record().topic().equals(Topics.TRANSCRIPTS))
                .toList();
        List<Long> wordLatency = new ArrayList<>();
        List<Long> firstLatency = new ArrayList<>();
        int partials = 0;
        for (Arrival a : transcripts) {
            Utterance u = JSON.decode(a.record().value());
            if (!u.isFinal()) {
                partials++;
                continue;
            }
            List<Arrival> its = transcripts.stream().filter(x -> {
                Utterance p = JSON.decode(x.record().value());
                return !p.isFinal() && p.idx() == u.idx();
            }).toList();
            for (int w = 0; w < u.words().size(); w++) {
                Word word = u.words().get(w);
                int needed = w + 1;
                long seen = its.stream().filter(x -> JSON.decode(x.record().value()).text().split(" ").length >= needed)
                        .mapToLong(Arrival::atMs).findFirst().orElse(a.atMs()); // not in any partial: the final shows it
                long latency = seen - spokenAt(run, word.endMs(), frameMs);
                wordLatency.add(latency);
                if (w == 0) {
                    firstLatency.add(latency);
                }
            }
        }
        wordLatency.sort(null);
        firstLatency.sort(null);
        if (!print || wordLatency.isEmpty()) {
            return;
        }
        System.out.printf("%8d | %17d | %19d | %17d | %8d | %5d | %5d / %5d / %5d | %5d / %5d | %5.1f%n", frameMs,
                bufferTimeoutMs, partialIntervalMs, framesPerChunk, partials,
                wordLatency.size(), pct(wordLatency, 50), pct(wordLatency, 90), wordLatency.get(wordLatency.size() - 1),
                pct(firstLatency, 50), firstLatency.get(firstLatency.size() - 1), cpuSeconds);
    }

    /** CPU time of the whole JVM: the MiniCluster runs in it, and nothing else does during a run. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** When the audio up to {@code audioMs} had been captured: its frame was sent once its last sample was. */
    private static long spokenAt(String run, long audioMs, int frameMs) {
        int seq = (int) (audioMs / frameMs);
        Long sent = SENT_AT.get(run + "/" + seq);
        if (sent == null) {
            sent = SENT_AT.get(run + "/" + (seq - 1));
        }
        long frameEnd = (seq + 1L) * frameMs;
        return sent - (frameEnd - audioMs);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    /** Stamps each record with its arrival; the sink is serialized to the task, so it finds its queue by id. */
    private static final class TimingSink implements Sink<KeyedBytes> {
        private final String run;

        TimingSink(String run) {
            this.run = run;
        }

        @Override
        public SinkWriter<KeyedBytes> createWriter(WriterInitContext context) {
            Queue<Arrival> queue = ARRIVED.get(run);
            return new SinkWriter<>() {
                @Override
                public void write(KeyedBytes element, Context ctx) {
                    queue.add(new Arrival(System.currentTimeMillis(), element));
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static final class Discard implements Sink<ElasticsearchDocument> {
        @Override
        public SinkWriter<ElasticsearchDocument> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(ElasticsearchDocument element, Context ctx) {
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
