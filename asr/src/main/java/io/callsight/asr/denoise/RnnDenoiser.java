package io.callsight.asr.denoise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RNNoise-style suppression: per 10 ms frame, {@link RnnFeatures} of the noisy spectrum go through the
 * {@link GruModel}, which predicts a gain per band; the gains are limited in how fast they may fall (a
 * gain can drop to at most {@value #DECAY} of the previous frame's per frame, which avoids musical noise and
 * chopped word onsets), floored, interpolated across bins and applied to the STFT before resynthesis.
 * Pure Java: the speech job needs no native library.
 */
public final class RnnDenoiser extends StftSuppressor {
    /** Where the build puts the shipped model's weights inside the jar (see the asr pom). */
    public static final String BUNDLED_RESOURCE = "io/callsight/asr/denoise/bundled/weights.bin";
    public static final String BUNDLED_VERSION = "v3-bundled";

    /** Per-frame limit on how far a band gain may fall relative to the previous frame. */
    public static final float DECAY = 0.6f;

    private final GruModel model;
    private final String version;
    private final BandLayout layout;
    private final RnnFeatures features;
    private final float[] featureBuf;
    private final float[] bandGains;
    private final float[] binGains;
    private final float gainFloor;

    public RnnDenoiser(GruModel model, String version) {
        this(model, version, -30);
    }

    /** {@code gainFloorDb}: the strongest attenuation applied (e.g. −30 dB). */
    public RnnDenoiser(GruModel model, String version, double gainFloorDb) {
        super(model.sampleRate());
        if (model.frameLength() != stft.frameLength()) {
            throw new IllegalArgumentException("model was trained on " + model.frameLength() + "-sample frames, this STFT uses "
                    + stft.frameLength());
        }
        this.model = model;
        this.version = version;
        this.layout = new BandLayout(model.bandCentersHz(), model.sampleRate(), stft.bins());
        this.features = RnnFeatures.forInputSize(layout, model.features());
        if (features.size() != model.features()) {
            throw new IllegalArgumentException("model expects " + model.features() + " features, extractor gives " + features.size());
        }
        this.featureBuf = new float[features.size()];
        this.bandGains = new float[layout.bands()];
        this.binGains = new float[stft.bins()];
        this.gainFloor = (float) Math.pow(10, gainFloorDb / 20);
        resetState();
    }

    /** Loads {@code weights.bin} from a model version directory (e.g. {@code models/denoiser/v1}). */
    public static RnnDenoiser load(Path versionDir) throws IOException {
        return new RnnDenoiser(GruModel.read(versionDir.resolve("weights.bin")), versionDir.getFileName().toString());
    }

    /**
     * The newest model version under {@code models/denoiser} ({@code -Dcallsight.denoiser.model=DIR} overrides;
     * otherwise relative to {@code callsight.root} or the working directory), if there is one.
     */
    public static Optional<Path> defaultModelDir() {
        String explicit = System.getProperty("callsight.denoiser.model", System.getenv("CALLSIGHT_DENOISER_MODEL"));
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        Path root = Path.of(System.getProperty("callsight.root", "."));
        Path dir = root.resolve("models").resolve("denoiser");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("weights.bin")))
                    .max(Comparator.comparing(p -> p.getFileName().toString(), RnnDenoiser::compareVersions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The weights shipped inside this jar. */
    public static GruModel readBundledWeights() {
        try (InputStream in = RnnDenoiser.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no denoiser model under models/denoiser and none bundled at "
                        + BUNDLED_RESOURCE + " (train one with `callsight train denoiser`, or set -Dcallsight.denoiser.model)");
            }
            return new GruModel(GruModel.readTensors(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled denoiser model: " + e.getMessage(), e);
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.replaceAll("[^0-9.]", "").split("\\.");
        String[] y = b.replaceAll("[^0-9.]", "").split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return a.compareTo(b);
    }

    public GruModel model() {
        return model;
    }

    @Override
    public String name() {
        return "rnn:" + version;
    }

    @Override
    protected void resetState() {
        if (model == null) {
            return; // called from the superclass constructor
        }
        model.reset();
        features.reset();
        java.util.Arrays.fill(bandGains, 1f);
    }

    @Override
    protected void processSpectrum(float[] re, float[] im) {
        features.compute(re, im, featureBuf);
        float[] g = model.step(featureBuf);
        for (int b = 0; b < bandGains.length; b++) {
            bandGains[b] = Math.max(gainFloor, Math.max(g[b], DECAY * bandGains[b]));
        }
        layout.interpolate(bandGains, binGains);
        for (int k = 0; k < binGains.length; k++) {
            re[k] *= binGains[k];
            im[k] *= binGains[k];
        }
    }
}
