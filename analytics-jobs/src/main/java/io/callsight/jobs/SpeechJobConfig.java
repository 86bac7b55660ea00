package io.callsight.jobs;

import io.callsight.asr.recognition.Denoising;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.jobs.archive.ArchiveSettings;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the speech job. The same keys work as {@code --key value} arguments (for {@code flink run})
 * and as environment variables (for the launcher): {@code KAFKA_BOOTSTRAP}, {@code ES_URL}, {@code ES_API_KEY},
 * {@code CALLSIGHT_VOSK_MODEL}. {@code --denoise none|spectral|rnn} and {@code --vad on|off} choose the audio
 * front-end. {@code --models DIR} (or {@code CALLSIGHT_MODELS}; default {@code <callsight.root>/models}) holds the
 * tenant NLU models, checked for new versions every {@code --model-refresh-ms} (default 5000).
 * {@code --tenants FILE} (or {@code CALLSIGHT_TENANTS}) is the tenant registry: records of a tenant not in it go to
 * the dead letters; without it every tenant is accepted. {@code --archive DIR} writes every call's encrypted
 * recording there, with the keyring and master key of {@code --data-dir} (default {@code ~/.callsight}; the master
 * key may come from {@code CALLSIGHT_MASTER_KEY} instead); without it nothing is archived.
 * {@code --partial-interval-ms} (default 200; 0 = none) is the least time between two partial transcripts of a
 * track; {@code --buffer-timeout-ms} (default 0: flush after every record) how long Flink holds a network buffer that is not full
 * (docs/latency.md). {@code --vosk-frames-per-chunk N} decodes with a Vosk network chunk of N feature frames through
 * a {@link io.callsight.asr.recognition.VoskModelVariant} (default {@value #DEFAULT_VOSK_FRAMES_PER_CHUNK}; 0 = the
 * model's own, which lets a partial change only every 240 ms of audio).
 */
public record SpeechJobConfig(
        String kafkaBootstrap,
        String esUrl,
        String esApiKey,
        String voskModel,
        String groupId,
        int parallelism,
        long checkpointIntervalMs,
        long trackIdleTimeoutMs,
        FrontEndConfig frontEnd,
        String modelsDir,
        long modelRefreshMs,
        String tenantsFile,
        String archiveDir,
        String dataDir,
        long archiveGraceMs,
        long partialIntervalMs,
        long bufferTimeoutMs,
        int voskFramesPerChunk) implements Serializable {

    /**
     * Flink's default is 100 ms per network hop; audio reaches a transcript over three hops (source to the
     * transcriber, to the analyzer, to the sink), so the default alone could add 300 ms to a partial. 0 sends each
     * record's buffer at once and has no flusher threads: at a few hundred records a second that is cheaper than a
     * 10 ms timeout, whose flushers woke a hundred times a second per task and took 13 % of a core on an idle stack.
     */
    public static final long DEFAULT_BUFFER_TIMEOUT_MS = 0;

    /**
     * 120 ms chunks: a word shows ~40–70 ms sooner than with the model's 240 ms at the same decoding CPU; 60 ms chunks
     * (6) show it another ~40 ms sooner but cost 15–45 % more CPU per track (docs/benchmarks.md, live calls).
     */
    public static final int DEFAULT_VOSK_FRAMES_PER_CHUNK = 12;

    public static SpeechJobConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "': options look like --key value");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            a.put(args[i].substring(2), args[++i]);
        }
        return new SpeechJobConfig(
                a.getOrDefault("kafka.bootstrap", env.getOrDefault("KAFKA_BOOTSTRAP", "127.0.0.1:9092")),
                a.getOrDefault("es.url", env.getOrDefault("ES_URL", "http://127.0.0.1:9200")),
                a.getOrDefault("es.api-key", env.get("ES_API_KEY")),
                a.getOrDefault("vosk.model", env.get("CALLSIGHT_VOSK_MODEL")),
                a.getOrDefault("group.id", "callsight-speech"),
                Integer.parseInt(a.getOrDefault("parallelism", "2")),
                Long.parseLong(a.getOrDefault("checkpoint.interval.ms", "5000")),
                Long.parseLong(a.getOrDefault("track.idle.timeout.ms", "120000")),
                frontEnd(a.get("denoise"), a.get("vad")),
                a.getOrDefault("models", env.getOrDefault("CALLSIGHT_MODELS",
                        java.nio.file.Path.of(System.getProperty("callsight.root", ".")).resolve("models").toString())),
                positive("model-refresh-ms", a.getOrDefault("model-refresh-ms", "5000")),
                a.getOrDefault("tenants", env.get("CALLSIGHT_TENANTS")),
                a.get("archive"),
                a.getOrDefault("data-dir", java.nio.file.Path.of(System.getProperty("user.home"), ".callsight").toString()),
                positive("archive-grace-ms", a.getOrDefault("archive-grace-ms", "30000")),
                notNegative("partial-interval-ms", a.getOrDefault("partial-interval-ms",
                        String.valueOf(io.callsight.asr.recognition.PartialThrottle.DEFAULT_INTERVAL_MS))),
                notNegative("buffer-timeout-ms", a.getOrDefault("buffer-timeout-ms", String.valueOf(DEFAULT_BUFFER_TIMEOUT_MS))),
                (int) notNegative("vosk-frames-per-chunk", a.getOrDefault("vosk-frames-per-chunk", String.valueOf(DEFAULT_VOSK_FRAMES_PER_CHUNK))));
    }

    /** The archive's settings, or null when {@code --archive} is not set. */
    public ArchiveSettings archive() {
        return archiveDir == null ? null : new ArchiveSettings(archiveDir, dataDir, archiveGraceMs);
    }

    private static long positive(String option, String value) {
        try {
            long v = Long.parseLong(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + option + " must be a positive number of milliseconds, not '" + value + "'");
    }

    private static long notNegative(String option, String value) {
        try {
            long v = Long.parseLong(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + option + " must be 0 or a positive number of milliseconds, not '" + value + "'");
    }

    /** {@code --denoise none|spectral|rnn}, {@code --vad on|off}; unset means the benchmarked defaults. */
    static FrontEndConfig frontEnd(String denoise, String vad) {
        FrontEndConfig config = FrontEndConfig.defaults();
        if (denoise != null) {
            try {
                config = config.withDenoising(Denoising.valueOf(denoise.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--denoise must be none, spectral or rnn, not '" + denoise + "'");
            }
        }
        if (vad != null) {
            if (!vad.equals("on") && !vad.equals("off")) {
                throw new IllegalArgumentException("--vad must be on or off, not '" + vad + "'");
            }
            config = config.withVad(vad.equals("on"));
        }
        return config;
    }
}
