package io.callsight.asr.denoise;

import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.SpeechCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared helpers for suppressor tests. */
final class DenoiseTesting {
    private DenoiseTesting() {
    }

    /** Feeds {@code x} in random chunk sizes (0..700 samples, odd ones included) and flushes. */
    static short[] processInChunks(NoiseSuppressor s, short[] x, Random r) {
        s.reset();
        short[] out = new short[0];
        int pos = 0;
        while (pos < x.length) {
            int len = Math.min(x.length - pos, r.nextInt(701));
            out = concat(out, s.process(Arrays.copyOfRange(x, pos, pos + len)));
            pos += len;
        }
        return concat(out, s.flush());
    }

    static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Output SNR (dB, speech-active frames of the clean reference) of {@code s} on {@code noisy}. */
    static double outputSnr(NoiseSuppressor s, float[] clean, float[] noisy) {
        short[] out = s.processAll(Mixer.toPcm(noisy));
        return Mixer.outputSnrDb(clean, Mixer.toFloat(out));
    }

    static Path datasets() {
        return SpeechCorpus.datasetsDir();
    }

    static boolean hasDataset(String name) {
        return Files.isDirectory(datasets().resolve(name));
    }

    /** Held-out speech: FSDD speaker "theo" (not used in training) and the last LJSpeech files. */
    static List<float[]> heldOutSpeech(int rate, int count) {
        List<float[]> out = new ArrayList<>();
        for (SpeechCorpus.Utterance u : SpeechCorpus.load(datasets().resolve("ljspeech-sample"), rate, 0)) {
            if (out.size() < count / 2 && SpeechCorpus.isHeldOut(u.name())) {
                out.add(u.samples());
            }
        }
        List<float[]> digits = new ArrayList<>();
        for (SpeechCorpus.Utterance u : SpeechCorpus.load(datasets().resolve("fsdd"), rate, 0)) {
            if (SpeechCorpus.isHeldOut(u.name()) && digits.size() < 40) {
                digits.add(u.samples());
            }
        }
        // concatenate digits into ~3 s utterances with short pauses, like a caller reading out a number
        int i = 0;
        while (out.size() < count && i < digits.size()) {
            float[] acc = new float[0];
            while (acc.length < rate * 3 && i < digits.size()) {
                float[] d = digits.get(i++);
                float[] next = Arrays.copyOf(acc, acc.length + d.length + rate / 10);
                System.arraycopy(d, 0, next, acc.length, d.length);
                acc = next;
            }
            out.add(acc);
        }
        return out;
    }

}
