package io.callsight.asr.recognition;

import io.callsight.asr.audio.DcBlocker;
import io.callsight.asr.audio.LevelNormalizer;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.denoise.GruModel;
import io.callsight.asr.denoise.NoiseSuppressor;
import io.callsight.asr.denoise.RnnDenoiser;
import io.callsight.asr.denoise.SpectralSubtraction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One track's audio from the line rate to the recognizer rate: DC removal → [noise suppression] → level
 * normalization → resampling. Normalization comes after suppression so the noise never sets the level. The GRU
 * model works on the 0–4 kHz telephone band at 8 kHz, so 16 kHz lines are taken down to 8 kHz for it first.
 * Streaming: state carries across calls, so frame-by-frame equals whole-file.
 */
final class SignalChain {
    private static final ConcurrentHashMap<Path, GruModel> RNN_WEIGHTS = new ConcurrentHashMap<>();
    private static final Path BUNDLED = Path.of("classpath:" + RnnDenoiser.BUNDLED_RESOURCE);

    private final DcBlocker dcBlocker;
    private final Resampler toDenoiser;
    private final NoiseSuppressor suppressor;
    private final LevelNormalizer level;
    private final Resampler toRecognizer;

    SignalChain(int inputRate, int recognizerRate, Denoising denoising) {
        dcBlocker = new DcBlocker(inputRate);
        switch (denoising) {
            case NONE -> {
                toDenoiser = null;
                suppressor = null;
                toRecognizer = new Resampler(inputRate, recognizerRate);
            }
            case SPECTRAL -> {
                toDenoiser = null;
                suppressor = new SpectralSubtraction(inputRate);
                toRecognizer = new Resampler(inputRate, recognizerRate);
            }
            case RNN -> {
                suppressor = newRnnDenoiser();
                int rate = suppressor.sampleRate();
                toDenoiser = rate == inputRate ? null : new Resampler(inputRate, rate);
                toRecognizer = new Resampler(rate, recognizerRate);
            }
            default -> throw new IllegalArgumentException("unknown denoising " + denoising);
        }
        level = new LevelNormalizer(suppressor != null ? suppressor.sampleRate() : inputRate);
    }

    short[] process(short[] pcm) {
        short[] line = dcBlocker.process(pcm);
        short[] x = toDenoiser == null ? line : toDenoiser.process(line);
        if (suppressor != null) {
            x = suppressor.process(x);
        }
        return toRecognizer.process(level.process(x));
    }

    /** End of track: drains every stage's delay line in order. */
    short[] flush() {
        short[] tail = new short[0];
        if (toDenoiser != null) {
            tail = toDenoiser.flush();
        }
        if (suppressor != null) {
            tail = concat(suppressor.process(tail), suppressor.flush());
        }
        return concat(toRecognizer.process(level.process(tail)), toRecognizer.flush());
    }

    /**
     * Weights load once per JVM; each track gets its own recurrent state over them. The newest version under
     * {@code models/denoiser} wins; without one (a Flink cluster without the repository) the version bundled in
     * this jar is used.
     */
    private static RnnDenoiser newRnnDenoiser() {
        Optional<Path> dir = RnnDenoiser.defaultModelDir();
        if (dir.isEmpty()) {
            GruModel weights = RNN_WEIGHTS.computeIfAbsent(BUNDLED, k -> RnnDenoiser.readBundledWeights());
            return new RnnDenoiser(new GruModel(weights.tensors()), RnnDenoiser.BUNDLED_VERSION);
        }
        GruModel weights = RNN_WEIGHTS.computeIfAbsent(dir.get().toAbsolutePath().normalize(), d -> {
            try {
                return GruModel.read(d.resolve("weights.bin"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read denoiser model " + d + ": " + e.getMessage(), e);
            }
        });
        return new RnnDenoiser(new GruModel(weights.tensors()), dir.get().getFileName().toString());
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
