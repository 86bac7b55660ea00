package io.callsight.asr.noise;

import io.callsight.asr.audio.AudioFormatException;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.audio.WavAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Clean speech for mixtures: reads every WAV file under a directory (sorted by name, so the order and thus
 * any seeded split is stable), takes the first channel and resamples it to the target rate.
 */
public final class SpeechCorpus {
    /** One utterance: the file's name and its samples (PCM16 scale) at the corpus rate. */
    public record Utterance(String name, float[] samples) {
    }

    private SpeechCorpus() {
    }

    /**
     * Where the speech data sets live: {@code -Dcallsight.datasets} or {@code CALLSIGHT_DATASETS}, else the
     * repository's own {@code datasets/} (fsdd and ljspeech-sample are copied there with their licenses).
     */
    public static Path datasetsDir() {
        String p = System.getProperty("callsight.datasets", System.getenv("CALLSIGHT_DATASETS"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("callsight.root", ".")).resolve("datasets");
    }

    /**
     * The fixed evaluation split used by training and tests: FSDD speaker "theo" (a whole speaker held out)
     * and one in five LJSpeech files (by a stable hash of the file name) are never trained on.
     */
    public static boolean isHeldOut(String fileName) {
        if (fileName.matches("\\d_[a-z]+_\\d+\\.wav")) {
            return fileName.contains("_theo_");
        }
        return Math.floorMod(fileName.hashCode(), 5) == 0;
    }

    /** Loads up to {@code limit} WAV files under {@code dir} (0 = all) resampled to {@code rate}. */
    public static List<Utterance> load(Path dir, int rate, int limit) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Utterance> out = new ArrayList<>();
        for (Path f : files) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            try {
                WavAudio wav = WavFile.read(f);
                short[] pcm = Resampler.resample(wav.pcm(0), wav.sampleRate(), rate);
                out.add(new Utterance(f.getFileName().toString(), Mixer.toFloat(pcm)));
            } catch (IOException | AudioFormatException e) {
                // a broken file is skipped: a corpus is a best-effort source of clean speech
            }
        }
        return out;
    }
}
