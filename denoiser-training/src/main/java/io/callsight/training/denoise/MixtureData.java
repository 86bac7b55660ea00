package io.callsight.training.denoise;

import io.callsight.asr.audio.G711;
import io.callsight.asr.denoise.BandLayout;
import io.callsight.asr.denoise.RnnFeatures;
import io.callsight.asr.denoise.Stft;
import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseGenerator;
import io.callsight.asr.noise.NoiseType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthesizes training sequences: clean speech crops at random levels, a random noise type at a random SNR
 * (0–20 dB; one in ten nearly clean at 40 dB so the model learns to leave clean speech alone), framed
 * exactly as {@code StftSuppressor} frames a stream. Inputs are {@link RnnFeatures} of the noisy mixture,
 * targets the ideal ratio mask per band (clean speech against the mixture as the line delivers it), sqrt(E_clean / E_noisy) clipped to [0, 1].
 */
public final class MixtureData {
    public static final int RATE = 8000;
    /** Share of pauses that are the other party's turn rather than a breath between sentences. */
    static final double TURN_PAUSE_PROBABILITY = 0.35;
    /** The longest turn pause as a share of the crop, so every crop keeps some speech to set the level by. */
    static final double MAX_TURN_SHARE = 0.6;
    /** Extra draws that go to babble on top of its one in {@link NoiseType#values()}. */
    static final int BABBLE_EXTRA_SHARES = 2;

    /** N sequences of T frames: features [N, T, F] and targets [N, T, B], row-major. */
    public record Sequences(float[] x, float[] y, int n, int t, int f, int b) {
    }

    private final List<List<float[]>> corpora;
    private final List<float[]> babbleSource;
    private final float[] bandHz;

    public MixtureData(List<float[]> clean, List<float[]> babbleSource, float[] bandHz) {
        this(babbleSource, bandHz, List.of(clean));
    }

    private MixtureData(List<float[]> babbleSource, float[] bandHz, List<List<float[]>> corpora) {
        this.corpora = corpora.stream().filter(c -> !c.isEmpty()).toList();
        this.babbleSource = babbleSource;
        this.bandHz = bandHz;
        if (this.corpora.isEmpty()) {
            throw new IllegalArgumentException("no clean speech to mix");
        }
    }

    /**
     * {@code corpora}: clean speech grouped by source. Each crop first picks a source at random, then files in
     * it, so a corpus of many short files (FSDD's 3,000 digits) does not drown one of few long ones.
     */
    public static MixtureData ofCorpora(List<List<float[]>> corpora, List<float[]> babbleSource, float[] bandHz) {
        return new MixtureData(babbleSource, bandHz, corpora);
    }

    public Sequences build(int count, int frames, long seed) {
        Stft probe = Stft.twentyMs(RATE);
        int bands = bandHz.length;
        int f = RnnFeatures.size(bands);
        float[] x = new float[count * frames * f];
        float[] y = new float[count * frames * bands];
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int len = frames * probe.hop();
            float[] c = crop(r, len);
            double level = Math.pow(10, (-38 + 26 * r.nextDouble()) / 20) * 32768; // -38..-12 dBFS RMS
            scaleToRms(c, level);
            NoiseType type = drawNoise(r);
            double snr = r.nextDouble() < 0.1 ? 40 : 20 * r.nextDouble();
            float[] noise = NoiseGenerator.generate(type, len, RATE, r.nextLong(), babbleSource);
            float[] noisy = Mixer.toFloat(overTheLine(Mixer.toPcm(Mixer.mix(c, noise, snr).noisy()), r.nextDouble()));
            frame(c, noisy, frames, x, i * frames * f, y, i * frames * bands);
        });
        return new Sequences(x, y, count, frames, f, bands);
    }

    /**
     * A noise type, babble three times as often as each of the others: it is the commonest background in a
     * contact center and the hardest to learn (it is speech), so it gets a third of the mixtures.
     */
    static NoiseType drawNoise(SplittableRandom r) {
        NoiseType[] types = NoiseType.values();
        int draw = r.nextInt(types.length + BABBLE_EXTRA_SHARES);
        return draw < types.length ? types[draw] : NoiseType.BABBLE;
    }

    /**
     * What the suppressor hears in production: the mixture after the line's codec. Half the mixtures go through
     * μ-law, a quarter through A-law (whose quantization noise follows the signal, unlike the added noise),
     * a quarter stay linear (L16 streams).
     */
    static short[] overTheLine(short[] pcm, double draw) {
        if (draw < 0.5) {
            return G711.ulawDecode(G711.ulawEncode(pcm));
        }
        if (draw < 0.75) {
            return G711.alawDecode(G711.alawEncode(pcm));
        }
        return pcm;
    }

    /** Features of {@code noisy} and targets against {@code clean}, for {@code frames} frames, into the arrays. */
    public void frame(float[] cleanSig, float[] noisy, int frames, float[] x, int xOff, float[] y, int yOff) {
        Stft stft = Stft.twentyMs(RATE);
        int n = stft.frameLength(), hop = stft.hop();
        BandLayout layout = new BandLayout(bandHz, RATE, stft.bins());
        RnnFeatures feats = new RnnFeatures(layout);
        int bands = layout.bands(), f = feats.size();
        float[] fc = new float[n], fn = new float[n];
        float[] cr = new float[stft.bins()], ci = new float[stft.bins()], nr = new float[stft.bins()], ni = new float[stft.bins()];
        float[] ec = new float[bands], en = new float[bands], fv = new float[f];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - hop;
            for (int j = 0; j < n; j++) {
                int k = start + j;
                fc[j] = k >= 0 && k < cleanSig.length ? cleanSig[k] : 0;
                fn[j] = k >= 0 && k < noisy.length ? noisy[k] : 0;
            }
            stft.analyze(fc, cr, ci);
            stft.analyze(fn, nr, ni);
            feats.compute(nr, ni, fv);
            System.arraycopy(fv, 0, x, xOff + t * f, f);
            layout.energies(cr, ci, ec);
            layout.energies(nr, ni, en);
            for (int b = 0; b < bands; b++) {
                y[yOff + t * bands + b] = (float) Math.min(1, Math.sqrt((ec[b] + 1e-2) / (en[b] + 1e-2)));
            }
        }
    }

    /**
     * A {@code len}-sample stretch of one talker's track: random files chained with pauses, cropped at random.
     * Most pauses are short (between sentences); about a third are the other party's turn, when this track
     * carries only the line's noise for seconds. Those teach the network to keep suppressing noise that lasts,
     * babble included, instead of drifting back to passing it once its memory of the talker's level fades.
     */
    private float[] crop(SplittableRandom r, int len) {
        List<float[]> clean = corpora.get(r.nextInt(corpora.size()));
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        int longestTurn = Math.max(RATE / 4 + 1, (int) (len * MAX_TURN_SHARE));
        while (total < len * 1.3) {
            float[] s = clean.get(r.nextInt(clean.size()));
            parts.add(s);
            int pause = r.nextDouble() < TURN_PAUSE_PROBABILITY ? r.nextInt(RATE / 4, longestTurn) : r.nextInt(RATE / 4);
            parts.add(new float[pause]);
            total += s.length + pause;
        }
        float[] all = new float[total];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, pos, p.length);
            pos += p.length;
        }
        int off = r.nextInt(Math.max(1, total - len));
        return Arrays.copyOfRange(all, off, off + len);
    }

    static void scaleToRms(float[] x, double rms) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        if (e <= 0) {
            return;
        }
        float g = (float) (rms / Math.sqrt(e / x.length));
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
    }
}
