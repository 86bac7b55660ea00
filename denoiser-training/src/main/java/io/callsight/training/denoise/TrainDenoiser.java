package io.callsight.training.denoise;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.callsight.asr.denoise.BandLayout;
import io.callsight.asr.denoise.GruModel;
import io.callsight.asr.denoise.GruModel.Tensor;
import io.callsight.asr.denoise.NoiseSuppressor;
import io.callsight.asr.denoise.PassThrough;
import io.callsight.asr.denoise.RnnDenoiser;
import io.callsight.asr.denoise.SpectralSubtraction;
import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseGenerator;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SpeechCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the RNN noise suppressor with DJL (PyTorch engine, CPU) and exports it for the pure-Java
 * {@link RnnDenoiser}: {@code <out>/<version>/weights.bin}, {@code manifest.json} and {@code selftest.bin}
 * (an input and DJL's output for it, which the Java forward pass must reproduce to 1e-4).
 */
public final class TrainDenoiser {
    static final int DENSE = 32;
    /** GRU width: 96 (v2 had 48) gives babble, the noise that is speech, room; still well under 1 % CPU per track. */
    static final int HIDDEN = 96;
    /**
     * Fresh mixtures (new crops, noises, SNRs) every this many epochs: the network never sees the same mixture
     * long enough to memorize it, which a fixed set let it do (train loss half the validation loss).
     */
    static final int REFRESH_EPOCHS = 4;
    /** 3 s sequences: long enough to hold a turn pause and the speech around it (1 s ones never saw a pause end). */
    public static final int DEFAULT_FRAMES = 300;
    /** 1,600 × 3 s: the same 4,800 s of mixtures per epoch as v2's 4,800 × 1 s. */
    public static final int DEFAULT_SEQUENCES = 1600;
    /** Half of v2's 64: three times longer sequences would otherwise mean a third of the optimizer steps. */
    public static final int DEFAULT_BATCH = 32;

    /** Command-line options. */
    public record Options(Path out, String version, int epochs, int trainSequences, int frames, int batch,
            float learningRate, long seed, Path datasets, boolean evaluate) {
        static Options defaults() {
            return new Options(Path.of("models/denoiser"), "v3", 36, DEFAULT_SEQUENCES, DEFAULT_FRAMES, DEFAULT_BATCH, 3e-3f, 2,
                    SpeechCorpus.datasetsDir(), true);
        }
    }

    public static void main(String[] args) throws Exception {
        // One intra-op thread: with more, PyTorch's pool thrashes on these tiny per-step GRU matmuls (measured
        // 5x slower on 2 cores). Set before the engine loads; explicit -D values win.
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        Options o = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: TrainDenoiser [options]
                              --out DIR          model root (default models/denoiser); writes DIR/<version>/
                              --version V        model version (default v3)
                              --epochs N         training epochs (default 36)
                              --sequences N      training sequences (default 1600)
                              --batch N          batch size (default 32)
                              --frames N         frames (10 ms) per training sequence (default 300)
                              --lr X             Adam learning rate (default 0.003)
                              --seed N           data/initialization seed (default 2)
                              --datasets DIR     speech data sets (ljspeech-sample, fsdd); default <callsight root>/datasets
                              --no-eval          skip the SNR/CPU evaluation
                            Run with -Dai.djl.offline=true -DOPT_OUT_TRACKING=true and DJL_CACHE_DIR set.""");
                    return;
                }
                case "--out" -> o = with(o, "out", args[++i]);
                case "--version" -> o = with(o, "version", args[++i]);
                case "--epochs" -> o = with(o, "epochs", args[++i]);
                case "--sequences" -> o = with(o, "sequences", args[++i]);
                case "--batch" -> o = with(o, "batch", args[++i]);
                case "--frames" -> o = with(o, "frames", args[++i]);
                case "--lr" -> o = with(o, "lr", args[++i]);
                case "--seed" -> o = with(o, "seed", args[++i]);
                case "--datasets" -> o = with(o, "datasets", args[++i]);
                case "--no-eval" -> o = with(o, "noeval", "");
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        run(o);
    }

    /**
     * Cosine decay from the base rate to a twentieth of it over the run: at a fixed rate the validation loss
     * kept jumping ±0.006 between epochs, and the model saved was whichever epoch happened to be last.
     */
    static Tracker learningRate(Options o, int sequences) {
        int steps = Math.max(1, o.epochs() * (sequences / o.batch()));
        return Tracker.cosine().setBaseValue(o.learningRate()).optFinalValue(o.learningRate() / 20).setMaxUpdates(steps).build();
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Options with(Options o, String k, String v) {
        return new Options(k.equals("out") ? Path.of(v) : o.out(), k.equals("version") ? v : o.version(),
                k.equals("epochs") ? Integer.parseInt(v) : o.epochs(),
                k.equals("sequences") ? Integer.parseInt(v) : o.trainSequences(),
                k.equals("frames") ? Integer.parseInt(v) : o.frames(),
                k.equals("batch") ? Integer.parseInt(v) : o.batch(),
                k.equals("lr") ? Float.parseFloat(v) : o.learningRate(), k.equals("seed") ? Long.parseLong(v) : o.seed(),
                k.equals("datasets") ? Path.of(v) : o.datasets(), !k.equals("noeval") && o.evaluate());
    }

    /** Trains, exports and (optionally) evaluates; returns the version directory. */
    public static Path run(Options o) throws Exception {
        long t0 = System.nanoTime();
        float[] bandHz = BandLayout.TELEPHONE_CENTERS_HZ;
        Map<String, List<SpeechCorpus.Utterance>> sources = new LinkedHashMap<>();
        sources.put("ljspeech-sample", SpeechCorpus.load(o.datasets().resolve("ljspeech-sample"), MixtureData.RATE, 0));
        sources.put("fsdd", SpeechCorpus.load(o.datasets().resolve("fsdd"), MixtureData.RATE, 0));
        sources.put("tts-speech", TtsSpeech.load(o.datasets().resolve("tts-speech"), MixtureData.RATE, TtsSpeech.maryTts()));
        List<SpeechCorpus.Utterance> all = new ArrayList<>();
        List<List<float[]>> trainBySource = new ArrayList<>();
        List<float[]> train = new ArrayList<>();
        List<float[]> heldOut = new ArrayList<>();
        List<String> heldOutNames = new ArrayList<>();
        for (Map.Entry<String, List<SpeechCorpus.Utterance>> source : sources.entrySet()) {
            List<float[]> sourceTrain = new ArrayList<>();
            for (SpeechCorpus.Utterance u : source.getValue()) {
                all.add(u);
                if (SpeechCorpus.isHeldOut(u.name())) {
                    heldOut.add(u.samples());
                    heldOutNames.add(u.name());
                } else {
                    sourceTrain.add(u.samples());
                }
            }
            System.out.printf(Locale.ROOT, "  %s: %d utterances%n", source.getKey(), source.getValue().size());
            trainBySource.add(sourceTrain);
            train.addAll(sourceTrain);
        }
        if (train.isEmpty()) {
            System.out.println("no speech under " + o.datasets() + ": training on synthetic speech-like signals");
            for (int i = 0; i < 200; i++) {
                float[] s = io.callsight.asr.noise.SyntheticSpeech.generate(MixtureData.RATE * 2, MixtureData.RATE, 8000, i);
                (i % 5 == 0 ? heldOut : train).add(s);
            }
            trainBySource = List.of(train);
        }
        System.out.printf(Locale.ROOT, "speech: %d training utterances, %d held out (%.1fs to load)%n", train.size(),
                heldOut.size(), (System.nanoTime() - t0) / 1e9);
        String dataHash = dataHash(all, o);

        long t1 = System.nanoTime();
        MixtureData trainData = MixtureData.ofCorpora(trainBySource, train, bandHz);
        MixtureData.Sequences tr = trainData.build(o.trainSequences(), o.frames(), o.seed());
        MixtureData.Sequences va = new MixtureData(heldOut, heldOut, bandHz).build(Math.max(16, o.trainSequences() / 10),
                o.frames(), o.seed() + 7_000_000L);
        System.out.printf(Locale.ROOT, "mixtures: %d train + %d validation sequences of %d frames (%.1fs)%n", tr.n(), va.n(),
                tr.t(), (System.nanoTime() - t1) / 1e9);

        int f = tr.f(), b = tr.b();
        float[] mean = new float[f], std = new float[f];
        normStats(tr, mean, std);

        Path dir = o.out().resolve(o.version());
        Files.createDirectories(dir);
        Map<String, Object> metrics = new LinkedHashMap<>();
        long trainStart = System.nanoTime();
        GruModel javaModel;
        try (Model model = Model.newInstance("denoiser", "PyTorch")) {
            SequentialBlock net = new SequentialBlock()
                    .add(Linear.builder().setUnits(DENSE).build())
                    .add(Activation::tanh)
                    .add(GRU.builder().setStateSize(HIDDEN).setNumLayers(1).optBatchFirst(true).optReturnState(false).build())
                    .add(GRU.builder().setStateSize(HIDDEN).setNumLayers(1).optBatchFirst(true).optReturnState(false).build())
                    .add(Linear.builder().setUnits(b).build())
                    .add(Activation::sigmoid);
            model.setBlock(net);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate(o, tr.n()))
                            .optClipGrad(1f).build());
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(o.batch(), tr.t(), f));
                NDManager manager = trainer.getManager();
                Random shuffle = new Random(o.seed());
                int[] order = new int[tr.n()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                double bestVal = Double.MAX_VALUE;
                for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    if (epoch > 1 && (epoch - 1) % REFRESH_EPOCHS == 0) {
                        tr = trainData.build(o.trainSequences(), o.frames(), o.seed() + 1_000L * epoch);
                    }
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = shuffle.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    double sum = 0;
                    int batches = 0;
                    for (int start = 0; start + o.batch() <= order.length; start += o.batch()) {
                        try (NDManager sub = manager.newSubManager()) {
                            NDList in = batch(sub, tr, order, start, o.batch(), mean, std);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray pred = trainer.forward(new NDList(in.get(0))).singletonOrThrow();
                                NDArray loss = loss(pred, in.get(1));
                                sum += loss.getFloat();
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                        batches++;
                        if (batches % 10 == 0) {
                            System.out.printf(Locale.ROOT, "\repoch %d/%d  [%-25s] loss %.5f", epoch, o.epochs(),
                                    "#".repeat(25 * start / order.length), sum / batches);
                        }
                    }
                    double val = evaluateLoss(trainer, va, mean, std);
                    bestVal = Math.min(bestVal, val);
                    System.out.printf(Locale.ROOT, "\repoch %d/%d  train loss %.5f  val loss %.5f  (%.1fs)            %n",
                            epoch, o.epochs(), sum / Math.max(1, batches), val, (System.nanoTime() - e0) / 1e9);
                    metrics.put("train_loss", round(sum / Math.max(1, batches)));
                    metrics.put("val_loss", round(val));
                }
                metrics.put("training_seconds", round((System.nanoTime() - trainStart) / 1e9));
                Map<String, Tensor> tensors = export(net, bandHz, mean, std);
                GruModel.write(dir.resolve("weights.bin"), tensors);
                javaModel = new GruModel(tensors);
                double diff = selfTest(trainer, javaModel, va, mean, std, dir.resolve("selftest.bin"));
                metrics.put("java_vs_djl_max_abs_diff", diff);
                System.out.printf(Locale.ROOT, "pure-Java forward vs DJL: max |diff| = %.2e over %d frames%n", diff, va.t());
                if (!(diff <= 1e-4)) {
                    throw new IllegalStateException("Java GRU forward pass disagrees with DJL by " + diff);
                }
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        System.out.printf(Locale.ROOT, "trained in %.1fs; %d parameters%n", trainSeconds, javaModel.parameterCount());

        Map<String, Object> eval = new LinkedHashMap<>();
        if (o.evaluate()) {
            eval = Evaluation.run(javaModel, o.version(), heldOut, o.seed());
        }
        writeManifest(dir, o, dataHash, javaModel, metrics, eval, heldOutNames.size(), train.size());
        System.out.println("wrote " + dir.toAbsolutePath() + " (" + Files.size(dir.resolve("weights.bin")) + " bytes of weights)");
        return dir;
    }

    private static NDList batch(NDManager m, MixtureData.Sequences s, int[] order, int start, int size, float[] mean, float[] std) {
        int tf = s.t() * s.f(), tb = s.t() * s.b();
        float[] x = new float[size * tf];
        float[] y = new float[size * tb];
        for (int i = 0; i < size; i++) {
            int idx = order[start + i];
            for (int j = 0; j < tf; j++) {
                int fi = j % s.f();
                x[i * tf + j] = (s.x()[idx * tf + j] - mean[fi]) / std[fi];
            }
            System.arraycopy(s.y(), idx * tb, y, i * tb, tb);
        }
        return new NDList(m.create(x, new Shape(size, s.t(), s.f())), m.create(y, new Shape(size, s.t(), s.b())));
    }

    /** Mean squared error on square-rooted gains (RNNoise's choice: it weights errors on low gains up). */
    private static NDArray loss(NDArray pred, NDArray target) {
        NDArray d = pred.add(1e-6f).sqrt().sub(target.sqrt());
        return d.mul(d).mean().add(pred.sub(target).square().mean());
    }

    private static double evaluateLoss(Trainer trainer, MixtureData.Sequences va, float[] mean, float[] std) {
        int[] order = new int[va.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double sum = 0;
        int batches = 0;
        int bs = 16;
        for (int start = 0; start + bs <= order.length; start += bs) {
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList in = batch(sub, va, order, start, bs, mean, std);
                NDArray pred = trainer.evaluate(new NDList(in.get(0))).singletonOrThrow();
                sum += loss(pred, in.get(1)).getFloat();
                batches++;
            }
        }
        return sum / Math.max(1, batches);
    }

    private static void normStats(MixtureData.Sequences s, float[] mean, float[] std) {
        int f = s.f();
        long frames = (long) s.n() * s.t();
        double[] m = new double[f], q = new double[f];
        for (long i = 0; i < frames; i++) {
            for (int j = 0; j < f; j++) {
                double v = s.x()[(int) (i * f + j)];
                m[j] += v;
                q[j] += v * v;
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] = (float) (m[j] / frames);
            std[j] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, q[j] / frames - mean[j] * (double) mean[j])));
        }
    }

    /** DJL parameters → named tensors in the {@link GruModel} layout. */
    static Map<String, Tensor> export(SequentialBlock net, float[] bandHz, float[] mean, float[] std) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("meta", new Tensor(new int[] {2}, new float[] {MixtureData.RATE, MixtureData.RATE / 50}));
        t.put("band_hz", new Tensor(new int[] {bandHz.length}, bandHz.clone()));
        t.put("norm_mean", new Tensor(new int[] {mean.length}, mean.clone()));
        t.put("norm_std", new Tensor(new int[] {std.length}, std.clone()));
        List<Block> blocks = net.getChildren().values();
        int gru = 0;
        boolean firstLinear = true;
        for (Block block : blocks) {
            List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
            if (block instanceof Linear) {
                String p = firstLinear ? "in_" : "out_";
                firstLinear = false;
                for (Pair<String, Parameter> e : params) {
                    String n = e.getKey().toLowerCase(Locale.ROOT);
                    t.put(p + (n.contains("weight") ? "w" : "b"), tensor(e.getValue().getArray()));
                }
            } else if (block instanceof GRU) {
                gru++;
                for (Pair<String, Parameter> e : params) {
                    String n = e.getKey().toLowerCase(Locale.ROOT);
                    String kind = (n.contains("i2h") ? "i" : n.contains("h2h") ? "h" : "?")
                            + (n.contains("weight") ? "w" : "b");
                    String name = switch (kind) {
                        case "iw" -> "wih";
                        case "hw" -> "whh";
                        case "ib" -> "bih";
                        case "hb" -> "bhh";
                        default -> throw new IllegalStateException("unexpected GRU parameter " + e.getKey());
                    };
                    t.put("gru" + gru + "_" + name, tensor(e.getValue().getArray()));
                }
            }
        }
        return t;
    }

    private static Tensor tensor(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        return new Tensor(shape, a.toFloatArray());
    }

    /** Runs one validation sequence through DJL and through the Java model; writes both; returns max |diff|. */
    private static double selfTest(Trainer trainer, GruModel jm, MixtureData.Sequences va, float[] mean, float[] std,
            Path file) throws IOException {
        int t = va.t(), f = va.f(), b = va.b();
        float[] raw = java.util.Arrays.copyOfRange(va.x(), 0, t * f);
        float[] expected;
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList in = batch(sub, va, new int[] {0}, 0, 1, mean, std);
            expected = trainer.evaluate(new NDList(in.get(0))).singletonOrThrow().toFloatArray();
        }
        jm.reset();
        double max = 0;
        float[] frame = new float[f];
        for (int i = 0; i < t; i++) {
            System.arraycopy(raw, i * f, frame, 0, f);
            float[] g = jm.step(frame);
            for (int k = 0; k < b; k++) {
                max = Math.max(max, Math.abs(g[k] - expected[i * b + k]));
            }
        }
        jm.reset();
        Map<String, Tensor> st = new LinkedHashMap<>();
        st.put("features", new Tensor(new int[] {t, f}, raw));
        st.put("expected", new Tensor(new int[] {t, b}, expected));
        GruModel.write(file, st);
        return max;
    }

    private static String dataHash(List<SpeechCorpus.Utterance> all, Options o) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (SpeechCorpus.Utterance u : all) {
            md.update(u.name().getBytes(StandardCharsets.UTF_8));
            float[] s = u.samples();
            for (int i = 0; i < s.length; i += 97) {
                int bits = Float.floatToIntBits(s[i]);
                md.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
            }
        }
        md.update(("seed=" + o.seed() + ";sequences=" + o.trainSequences() + ";frames=" + o.frames()).getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("sha256:");
        for (byte x : md.digest()) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static void writeManifest(Path dir, Options o, String dataHash, GruModel m, Map<String, Object> metrics,
            Map<String, Object> eval, int heldOut, int train) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("{\n");
        s.append("  \"name\": \"denoiser\",\n  \"task\": \"noise-suppression\",\n");
        s.append("  \"version\": \"").append(o.version()).append("\",\n");
        s.append("  \"format\": \"callsight-gru-v").append(GruModel.FORMAT_VERSION).append("\",\n");
        s.append("  \"created\": \"").append(Instant.now()).append("\",\n");
        s.append("  \"data_hash\": \"").append(dataHash).append("\",\n");
        s.append("  \"data\": \"ljspeech-sample + fsdd + tts-speech (MaryTTS, both voices) at 8 kHz, ").append(train).append(" train / ").append(heldOut)
                .append(" held-out utterances (fsdd speaker theo, 1 in 5 other files by name hash); 3 s mixtures with turn pauses up to 1.8 s; noise: white/pink/brown/hum/clicks/tones/babble (babble 3x as often) at 0-20 dB, refreshed every 4 epochs; noisy side through mu-law/A-law/linear\",\n");
        s.append("  \"parameters\": {\"sample_rate\": ").append(m.sampleRate()).append(", \"frame\": ").append(m.frameLength())
                .append(", \"hop\": ").append(m.frameLength() / 2).append(", \"bands\": ").append(m.bands())
                .append(", \"features\": ").append(m.features()).append(", \"dense\": ").append(DENSE)
                .append(", \"gru\": [").append(HIDDEN).append(", ").append(HIDDEN).append("], \"weights\": ")
                .append(m.parameterCount()).append(", \"epochs\": ").append(o.epochs()).append(", \"sequences\": ")
                .append(o.trainSequences()).append(", \"batch\": ").append(o.batch()).append(", \"lr\": ")
                .append(o.learningRate()).append(", \"seed\": ").append(o.seed()).append("},\n");
        s.append("  \"metrics\": ").append(json(metrics)).append(",\n");
        s.append("  \"evaluation\": ").append(json(eval)).append("\n}\n");
        Files.writeString(dir.resolve("manifest.json"), s.toString());
    }

    @SuppressWarnings("unchecked")
    static String json(Object v) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                s.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
                first = false;
            }
            return s.append('}').toString();
        }
        if (v instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? n.toString() : "null";
        }
        return "\"" + String.valueOf(v).replace("\"", "'") + "\"";
    }

    // Referenced so the evaluation's suppressors are visible in one place.
    static List<NoiseSuppressor> suppressors(GruModel m, String version) {
        return List.of(new PassThrough(MixtureData.RATE), new SpectralSubtraction(MixtureData.RATE), new RnnDenoiser(m, version));
    }

    static float[] noiseFor(NoiseType type, int len, long seed, List<float[]> babble) {
        return NoiseGenerator.generate(type, len, MixtureData.RATE, seed, babble);
    }

    static double snr(float[] clean, short[] out) {
        return Mixer.outputSnrDb(clean, Mixer.toFloat(out));
    }
}
