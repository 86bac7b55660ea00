package io.callsight.nlp.training;

import io.callsight.config.ValidationError;
import io.callsight.nlp.classify.CalibratedClassifier;
import io.callsight.nlp.classify.Calibration;
import io.callsight.nlp.classify.CascadeModel;
import io.callsight.nlp.classify.EncoderHeadModel;
import io.callsight.nlp.classify.EnsembleModel;
import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.encoder.SentenceEncoder;
import io.callsight.nlp.eval.Evaluator;
import io.callsight.nlp.eval.Metrics;
import io.callsight.nlp.intents.definition.IntentFiles;
import io.callsight.nlp.intents.definition.IntentValidator;
import io.callsight.nlp.intents.definition.TrainingExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Train-or-reuse for a tenant: hashes the training data (SHA-256), skips training when the current version has the
 * same hash and parameters, otherwise trains the DJL model and the TF-IDF baseline, calibrates both on a validation
 * split (temperature + OOS threshold when out-of-scope examples exist), and writes a new version with manifest.
 */
public final class ModelTraining {
    private ModelTraining() {}

    /** Training data: what to fit on, what to calibrate on, and the hash of the source. */
    public record TrainingData(List<Example> train, List<Example> validation, String dataHash, List<String> unlabeled) {
        public TrainingData(List<Example> train, List<Example> validation, String dataHash) {
            this(train, validation, dataHash, List.of());
        }

        /**
         * With unlabeled utterances (one per line of {@code file}; blank lines skipped) to self-train on
         * ({@link SelfTraining}); the data hash then covers them too.
         */
        public TrainingData withUnlabeled(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file (--unlabeled takes a text file, one utterance per line)");
            }
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + ": no utterances (expected one per line)");
            }
            return new TrainingData(train, validation, Datasets.sha256((dataHash + "\n" + String.join("\n", lines))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), lines);
        }
    }

    /**
     * Out-of-scope examples become a class of their own ({@link TextClassifier#OUT_OF_SCOPE}) once there are this many:
     * half train the class, half tune the confidence threshold. Fewer only tune the threshold.
     */
    public static final int MIN_OOS_FOR_CLASS = 10;

    /** Folds for calibrating a model whose validation split has no in-scope examples. */
    static final int FOLDS = 5;

    /**
     * A training set too small to spare validation examples (see {@link #split}) is calibrated by cross-validation
     * instead, when every fold can still hold an example.
     */
    static boolean needsCrossValidation(TrainingData data) {
        return data.validation().stream().allMatch(ModelTraining::isOutOfScope) && data.train().size() >= 2 * FOLDS;
    }

    /**
     * Loads {@code file}: a tenant intent file ({@code .yml}/{@code .yaml}, validated first: every problem is
     * reported with file:line); CLINC-style JSON with its {@code train}+{@code oos_train} and
     * {@code val}+{@code oos_val} splits; or any table {@link Datasets#read} knows. Except for CLINC-style splits,
     * a seeded 10 % of the in-scope examples is held out for calibration, and out-of-scope examples
     * ({@code oos}/{@code out_of_scope} labels) are split as {@link #MIN_OOS_FOR_CLASS} describes.
     */
    public static TrainingData load(Path file, long seed) throws IOException {
        String hash = Datasets.sha256(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            return split(tenantIntents(file), hash, seed);
        }
        if (name.endsWith(".json")) {
            try {
                Map<String, List<Example>> splits = Datasets.clinc(file);
                if (splits.containsKey("train") && splits.containsKey("val")) {
                    List<Example> train = new ArrayList<>(inScope(splits.get("train")));
                    train.addAll(splits.getOrDefault("oos_train", List.of()));
                    List<Example> val = new ArrayList<>(splits.get("val"));
                    val.addAll(splits.getOrDefault("oos_val", List.of()));
                    return new TrainingData(train, val, hash);
                }
            } catch (RuntimeException | IOException notSplits) {
                // a plain list: fall through
            }
        }
        return split(Datasets.read(file), hash, seed);
    }

    /** The tenant a YAML intent file declares ({@code tenant:}), or null for other formats. */
    public static String declaredTenant(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".yml") || name.endsWith(".yaml"))) {
            return null;
        }
        var loaded = IntentFiles.load(file).intents();
        return loaded == null ? null : loaded.tenant();
    }

    /** A tenant's YAML intent file as examples; any validation problem fails the load with all of them listed. */
    static List<Example> tenantIntents(Path file) throws IOException {
        List<ValidationError> problems = new IntentValidator().validateFile(file);
        if (!problems.isEmpty()) {
            StringBuilder msg = new StringBuilder(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " in " + file + " (fix them, or run: callsight intents validate " + file + "):");
            problems.forEach(p -> msg.append("\n  ").append(p));
            throw new IllegalArgumentException(msg.toString());
        }
        List<Example> out = new ArrayList<>();
        for (TrainingExample e : TrainingExample.from(IntentFiles.load(file).intents())) {
            out.add(new Example(e.text(), e.label().equals(IntentFiles.OUT_OF_SCOPE) ? TextClassifier.OUT_OF_SCOPE : e.label()));
        }
        return out;
    }

    static TrainingData split(List<Example> all, String hash, long seed) {
        List<Example> in = inScope(all);
        List<Example> oos = all.stream().filter(ModelTraining::isOutOfScope)
                .map(e -> new Example(e.text(), TextClassifier.OUT_OF_SCOPE)).toList();
        List<List<Example>> tv = Datasets.split(in, in.size() >= 50 ? 0.1 : 0.0, seed);
        List<Example> train = new ArrayList<>(tv.get(0));
        List<Example> val = new ArrayList<>(tv.get(1));
        if (oos.size() >= MIN_OOS_FOR_CLASS) {
            List<List<Example>> ov = Datasets.split(oos, 0.5, seed);
            train.addAll(ov.get(0));
            val.addAll(ov.get(1));
        } else {
            val.addAll(oos);
        }
        return new TrainingData(train, val, hash);
    }

    private static boolean isOutOfScope(Example e) {
        return e.label().equals(TextClassifier.OUT_OF_SCOPE) || e.label().equals(IntentFiles.OUT_OF_SCOPE);
    }

    private static List<Example> inScope(List<Example> all) {
        return all.stream().filter(e -> !isOutOfScope(e)).toList();
    }

    /** Trains the hashed n-gram bag model ({@code cfg}) and the TF-IDF baseline. */
    public static TrainResult trainOrReuse(ModelStore store, String tenant, String task, TrainingData data, BagTrainer.Config cfg,
            TfidfLinearModel.Params baseline, boolean force, PrintStream out) throws IOException {
        return trainOrReuse(store, tenant, task, data, cfg, null, baseline, force, out);
    }

    /**
     * Trains a softmax head on the pretrained sentence encoder when {@code encoder} is set, else the hashed n-gram bag
     * model ({@code cfg}; its n-gram features also configure the TF-IDF baseline, which is trained either way).
     */
    public static TrainResult trainOrReuse(ModelStore store, String tenant, String task, TrainingData data, BagTrainer.Config cfg,
            EncoderHeadTrainer.Config encoder, TfidfLinearModel.Params baseline, boolean force, PrintStream out) throws IOException {
        return trainOrReuse(store, tenant, task, data, cfg, encoder, null, baseline, force, out);
    }

    /**
     * With a {@code teacher}: the bag model ({@code encoder} must be null) learns from the labeled examples plus the
     * unlabeled utterances an encoder head, trained on the labeled examples, labels confidently
     * ({@link SelfTraining#teach}): the encoder's accuracy at the bag's speed, for a tenant with transcripts.
     */
    public static TrainResult trainOrReuse(ModelStore store, String tenant, String task, TrainingData data, BagTrainer.Config cfg,
            EncoderHeadTrainer.Config encoder, EncoderHeadTrainer.Config teacher, TfidfLinearModel.Params baseline, boolean force,
            PrintStream out) throws IOException {
        if (teacher != null && (encoder != null || data.unlabeled().isEmpty())) {
            throw new IllegalArgumentException(encoder != null ? "a teacher teaches the bag model, not the encoder head (--model bag)"
                    : "a teacher needs unlabeled utterances to label (--unlabeled FILE)");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", encoder != null ? encoder : cfg);
        if (encoder != null && encoder.ensemble()) {
            params.put("ensemble_bag", cfg);
        }
        params.put("kind", encoder == null ? HashedBagModel.KIND : encoder.cascade() ? CascadeModel.KIND : EncoderHeadModel.KIND);
        params.put("baseline", baseline);
        params.put("calibration", needsCrossValidation(data) ? FOLDS + "-fold cross-validation" : "validation split");
        if (teacher != null) {
            params.put("teacher", teacher);
            params.put("unlabeled_utterances", data.unlabeled().size());
        } else if (!data.unlabeled().isEmpty()) {
            params.put("self_training", SelfTraining.Config.defaults());
            params.put("unlabeled_utterances", data.unlabeled().size());
        }
        params = Jsons.toMap(params);
        Optional<Path> same = force ? Optional.empty() : store.upToDate(tenant, task, data.dataHash(), params);
        if (same.isPresent()) {
            out.printf(Locale.ROOT, "data unchanged (sha256 %s…) and same parameters: keeping %s%n", data.dataHash().substring(0, 12),
                    same.get());
            return new TrainResult(same.get(), false, ModelStore.readManifest(same.get()));
        }
        List<String> labels = Datasets.labels(data.train());
        if (labels.size() < 2) {
            throw new IllegalArgumentException("need at least 2 labels, got " + labels);
        }
        Map<String, Object> teaching = new LinkedHashMap<>();
        if (teacher != null) {
            data = taughtBy(teacher, labels, data, teaching, out);
        }
        List<String> texts = Datasets.texts(data.train());
        int[] y = Datasets.indices(data.train(), labels);
        boolean oos = data.validation().stream().anyMatch(e -> e.label().equals(TextClassifier.OUT_OF_SCOPE));
        out.printf(Locale.ROOT, "training %s/%s: %d examples, %d labels, %d validation%s%n", tenant, task, texts.size(), labels.size(),
                data.validation().size(), oos ? " (with out-of-scope)" : "");
        Trained t = encoder == null ? trainBag(labels, texts, y, data, cfg, out)
                : encoder.ensemble() ? trainEncoderModel(labels, texts, y, data, encoder, cfg, out) : trainHead(labels, texts, y, data, encoder, out);
        CalibratedClassifier model = t.model();
        long b0 = System.nanoTime();
        TfidfLinearModel lin = TfidfLinearModel.train(labels, texts, y, cfg.features(), baseline);
        double linSeconds = (System.nanoTime() - b0) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.putAll(t.metrics());
        metrics.putAll(teaching);
        if (needsCrossValidation(data)) {
            // nothing in-scope held out (too few examples to spare): calibrate on k-fold out-of-fold predictions
            out.printf(Locale.ROOT, "calibrating on %d-fold cross-validation (no in-scope examples could be held out)%n", FOLDS);
            List<Example> all = trainAndValidation(data);
            boolean anyOos = all.stream().anyMatch(ModelTraining::isOutOfScope);
            FoldModels bagFolds = t.folds().get();
            FoldModels linFolds = FoldModels.train(labels, data.train(), FOLDS, 1, ex -> TfidfLinearModel.train(labels,
                    Datasets.texts(ex), Datasets.indices(ex, labels), cfg.features(), baseline));
            metrics.put("validation", validation(bagFolds, all, anyOos));
            metrics.put("baseline_validation", validation(linFolds, all, anyOos));
            metrics.put("validation_method", FOLDS + "-fold cross-validation");
            model.setCalibration(bagFolds.temperature(), bagFolds.oosThreshold());
            lin.setCalibration(linFolds.temperature(), linFolds.oosThreshold());
        } else if (!data.validation().isEmpty()) {
            metrics.put("validation", validation(model, data.validation(), oos));
            metrics.put("baseline_validation", validation(lin, data.validation(), oos));
        }
        metrics.put("baseline_train_seconds", round(linSeconds));
        Path dir = store.nextVersion(tenant, task);
        t.save().accept(dir);
        lin.save(dir.resolve("baseline"));
        Manifest m = new Manifest(tenant, task, dir.getFileName().toString(), ModelStore.guessLanguage(texts), data.dataHash(),
                Instant.now().toString(), t.kind(), params, metrics);
        ModelStore.writeManifest(dir, m);
        store.setCurrent(tenant, task, m.version());
        out.printf(Locale.ROOT, "wrote %s (%s, %.1f MB); current = %s%n", dir, t.kind(), sizeOf(dir) / 1e6, m.version());
        return new TrainResult(dir, true, m);
    }

    /**
     * The labeled examples plus the unlabeled utterances a calibrated encoder head (trained on the labeled ones)
     * labels with confidence ≥ the self-training floor; what the teacher did goes into {@code metrics}.
     */
    private static TrainingData taughtBy(EncoderHeadTrainer.Config cfg, List<String> labels, TrainingData data, Map<String, Object> metrics,
            PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "training the teacher (encoder head) on %d labeled examples%n", data.train().size());
        TrainingData labeled = new TrainingData(data.train(), data.validation(), data.dataHash());
        Trained teacher = trainHead(labels, Datasets.texts(data.train()), Datasets.indices(data.train(), labels), labeled, cfg, out);
        if (needsCrossValidation(labeled)) {
            FoldModels folds = crossValidated(teacher.folds().get(), labeled);
            teacher.model().setCalibration(folds.temperature(), folds.oosThreshold());
        } else if (!data.validation().isEmpty()) {
            Evaluator.calibrate(teacher.model(), data.validation(), data.validation().stream().anyMatch(ModelTraining::isOutOfScope));
        }
        double floor = SelfTraining.Config.defaults().minConfidence();
        List<Example> pseudo = SelfTraining.teacherLabels(teacher.model(), data.train(), data.unlabeled(), floor);
        out.printf(Locale.ROOT, "the teacher labeled %d of %d unlabeled utterances (confidence ≥ %.2f); training the bag model on %d%n",
                pseudo.size(), data.unlabeled().size(), floor, data.train().size() + pseudo.size());
        metrics.put("teacher_labeled", pseudo.size());
        metrics.put("teacher_train_seconds", teacher.metrics().get("train_seconds"));
        List<Example> train = new ArrayList<>(data.train());
        train.addAll(pseudo);
        return new TrainingData(train, data.validation(), data.dataHash());
    }

    /** A freshly trained model, how to save it, its training figures, and how to train it again on other examples. */
    private record Trained(CalibratedClassifier model, String kind, Map<String, Object> metrics, IoConsumer<Path> save,
            Function<List<Example>, ? extends TextClassifier> retrain, java.util.function.Supplier<FoldModels> folds) {
        /** A model whose cross-validation folds are trained by {@code retrain} on {@code train}. */
        Trained(CalibratedClassifier model, String kind, Map<String, Object> metrics, IoConsumer<Path> save, List<String> labels,
                List<Example> train, Function<List<Example>, ? extends TextClassifier> retrain) {
            this(model, kind, metrics, save, retrain, () -> FoldModels.train(labels, train, FOLDS, 1, retrain));
        }
    }

    private interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    private static Trained trainBag(List<String> labels, List<String> texts, int[] y, TrainingData data, BagTrainer.Config cfg,
            PrintStream out) {
        BagTrainer.Result r;
        HashedBagModel bag;
        if (data.unlabeled().isEmpty()) {
            r = BagTrainer.train(labels, texts, y, cfg, out);
            bag = r.model();
        } else {
            out.printf(Locale.ROOT, "self-training on %d unlabeled utterances (%s)%n", data.unlabeled().size(), SelfTraining.Config.defaults());
            BagTrainer.Result[] last = new BagTrainer.Result[1];
            long t0 = System.nanoTime();
            bag = SelfTraining.run(data.train(), data.unlabeled(), data.validation(),
                    SelfTraining.bagTrainer(labels, texts.size(), cfg, out, result -> last[0] = result),
                    SelfTraining.Config.defaults(), Map.of(), out).model();
            r = new BagTrainer.Result(bag, (System.nanoTime() - t0) / 1e9, last[0].finalLoss(), last[0].finalTrainAccuracy(),
                    last[0].javaVsDjlMaxAbsDiff());
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train_seconds", round(r.trainSeconds()));
        metrics.put("train_loss", round(r.finalLoss()));
        metrics.put("train_accuracy", round(r.finalTrainAccuracy()));
        metrics.put("java_vs_djl_max_abs_diff", r.javaVsDjlMaxAbsDiff());
        metrics.put("embedding_rows", bag.rowCount());
        return new Trained(bag, HashedBagModel.KIND, metrics, bag::save, labels, data.train(), bagRetrain(labels, cfg));
    }

    private static Trained trainHead(List<String> labels, List<String> texts, int[] y, TrainingData data, EncoderHeadTrainer.Config cfg,
            PrintStream out) throws IOException {
        Embeddings embeddings = new Embeddings(SentenceEncoder.shared(cfg.encoder()));
        long t0 = System.nanoTime();
        EncoderHeadTrainer.Result[] last = new EncoderHeadTrainer.Result[1];
        Function<List<Example>, EncoderHeadModel> trainer = ex -> (last[0] = EncoderHeadTrainer.train(labels, Datasets.texts(ex),
                Datasets.indices(ex, labels), data.validation(), cfg, embeddings, out)).model();
        EncoderHeadModel head;
        if (data.unlabeled().isEmpty()) {
            head = trainer.apply(data.train());
        } else {
            out.printf(Locale.ROOT, "self-training on %d unlabeled utterances (%s)%n", data.unlabeled().size(), SelfTraining.Config.defaults());
            head = SelfTraining.run(data.train(), data.unlabeled(), data.validation(), trainer, SelfTraining.Config.defaults(), Map.of(), out)
                    .model();
        }
        EncoderHeadTrainer.Result r = last[0];
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train_seconds", round((System.nanoTime() - t0) / 1e9));
        metrics.put("encoder", cfg.encoder());
        metrics.put("train_loss", round(r.finalLoss()));
        metrics.put("train_accuracy", round(r.trainAccuracy()));
        metrics.put("weight_decay", r.weightDecay());
        metrics.put("java_vs_djl_max_abs_diff", r.javaVsDjlMaxAbsDiff());
        return new Trained(head, EncoderHeadModel.KIND, metrics, head::save, labels, data.train(), ex -> EncoderHeadTrainer.train(labels, Datasets.texts(ex),
                Datasets.indices(ex, labels), List.of(), cfg.withWeightDecay(r.weightDecay()), embeddings, null).model());
    }

    /** Bag weights {@code --model ensemble} tries on validation data; 0 keeps the encoder head alone. */
    public static final List<Double> BAG_WEIGHTS = List.of(0.0, 0.25, 0.5, 1.0);
    /** The weight when there is no in-scope validation to choose on (what CLINC150's validation chose). */
    static final double DEFAULT_BAG_WEIGHT = 0.5;

    /**
     * The encoder head, and with it a bag model on the same examples ({@code bagCfg}; with unlabeled utterances,
     * taught by the head), combined into an {@link EnsembleModel} when that does better on validation. Members are
     * calibrated first (on the validation split, else by cross-validation); the bag's weight is chosen on the
     * validation split by the out-of-scope tuning objective (accuracy without out-of-scope examples).
     */
    private static Trained trainEncoderModel(List<String> labels, List<String> texts, int[] y, TrainingData data,
            EncoderHeadTrainer.Config cfg, BagTrainer.Config bagCfg, PrintStream out) throws IOException {
        Trained head = trainHead(labels, texts, y, data, cfg, out);
        EncoderHeadModel enc = (EncoderHeadModel) head.model();
        List<Example> bagTrain = new ArrayList<>(data.train());
        if (!data.unlabeled().isEmpty()) {
            bagTrain.addAll(SelfTraining.teacherLabels(enc, data.train(), data.unlabeled(), SelfTraining.Config.defaults().minConfidence()));
        }
        out.printf(Locale.ROOT, "training the bag member of the ensemble on %d examples%n", bagTrain.size());
        HashedBagModel bag = BagTrainer.train(labels, Datasets.texts(bagTrain), Datasets.indices(bagTrain, labels), bagCfg, out).model();
        Map<String, Object> metrics = new LinkedHashMap<>(head.metrics());
        double weight;
        TextClassifier chosen = null; // the head or ensemble validation preferred, calibrated on it
        java.util.function.Supplier<FoldModels> folds;
        if (needsCrossValidation(data)) {
            FoldModels encFolds = crossValidated(head.folds().get(), data);
            FoldModels bagFolds = crossValidated(FoldModels.train(labels, data.train(), FOLDS, 1, bagRetrain(labels, bagCfg)), data);
            enc.setCalibration(encFolds.temperature(), 0);
            bag.setCalibration(bagFolds.temperature(), 0);
            weight = DEFAULT_BAG_WEIGHT;
            double te = encFolds.temperature(), tb = bagFolds.temperature();
            folds = () -> FoldModels.combine(encFolds, bagFolds, (e, b) -> {
                e.setCalibration(te, 0);
                b.setCalibration(tb, 0);
                return new EnsembleModel((EncoderHeadModel) e, (HashedBagModel) b, DEFAULT_BAG_WEIGHT);
            });
        } else if (data.validation().stream().anyMatch(e -> !isOutOfScope(e))) {
            chosen = chooseEnsemble(enc, bag, data.validation(), cfg.bagWeights(), out);
            weight = chosen instanceof EnsembleModel e ? e.bagWeight() : 0;
            folds = null;
        } else {
            weight = DEFAULT_BAG_WEIGHT;
            folds = null;
        }
        metrics.put("bag_weight", weight);
        if (cfg.cascade() && chosen != null) {
            Cascade c = chooseCascade(bag, chosen, data.validation(), cfg.escalateShare());
            out.printf(Locale.ROOT, "cascade: the bag answers above %.2f and rejects below %.2f; %.1f %% of validation escalated to the %s%n",
                    c.model().acceptAbove(), c.model().rejectBelow(), 100 * c.escalated(), weight == 0 ? "encoder head" : "ensemble");
            metrics.put("cascade_accept_above", c.model().acceptAbove());
            metrics.put("cascade_reject_below", c.model().rejectBelow());
            metrics.put("cascade_escalated_on_validation", round(c.escalated()));
            return new Trained(c.model(), CascadeModel.KIND, metrics, c.model()::save, null, null);
        }
        if (cfg.cascade()) {
            out.println("--model cascade: no in-scope validation examples to choose its gates on: shipping the "
                    + (needsCrossValidation(data) ? "ensemble" : "encoder model") + " alone");
        }
        if (weight == 0) { // validation preferred the head alone
            return new Trained(enc, head.kind(), metrics, head.save(), head.retrain(), head.folds());
        }
        EnsembleModel ensemble = new EnsembleModel(enc, bag, weight);
        return new Trained(ensemble, EnsembleModel.KIND, metrics, ensemble::save, null, folds);
    }

    /** A cascade and the share of the validation utterances it escalated. */
    public record Cascade(CascadeModel model, double escalated) {}

    /**
     * The gates of a {@link CascadeModel} over a calibrated bag and escalation model: of a grid of confidences
     * around the escalation model's out-of-scope threshold, the pair with the best validation objective (as for
     * the threshold) among those that escalate at most {@code share} of {@code validation}; fewer escalations break
     * ties. The bag alone ({@code acceptAbove = rejectBelow}) is a candidate too.
     */
    public static Cascade chooseCascade(HashedBagModel bag, TextClassifier escalation, List<Example> validation, double share) {
        boolean oos = validation.stream().anyMatch(ModelTraining::isOutOfScope);
        int n = validation.size();
        double[] conf = new double[n];
        boolean[] bagRight = new boolean[n], escalationRight = new boolean[n], goldOos = new boolean[n];
        for (int i = 0; i < n; i++) {
            Example e = validation.get(i);
            Prediction b = bag.predict(e.text());
            goldOos[i] = isOutOfScope(e) || !bag.labels().contains(e.label());
            conf[i] = b.confidence();
            // above acceptAbove the bag's top label stands (its own out-of-scope class still rejects)
            bagRight[i] = goldOos[i] ? b.bestLabel().equals(TextClassifier.OUT_OF_SCOPE) : b.bestLabel().equals(e.label());
            escalationRight[i] = goldOos[i] ? escalation.predict(e.text()).outOfScope() : escalation.predict(e.text()).label().equals(e.label());
        }
        double threshold = escalation.oosThreshold();
        double bestScore = -1, bestShare = 2, bestHi = 1, bestLo = 0;
        for (int h = 0; h <= 100; h++) {
            double hi = h / 100.0;
            if (hi < threshold) {
                continue; // the cascade's own threshold would overturn bag answers in [hi, threshold)
            }
            for (int l = 0; l <= h; l++) {
                double lo = l / 100.0;
                if (lo > threshold || !oos && l > 0) {
                    break;
                }
                int escalated = 0, inN = 0, inOk = 0, oosN = 0, oosOk = 0;
                for (int i = 0; i < n; i++) {
                    boolean right;
                    if (conf[i] >= hi) {
                        right = bagRight[i];
                    } else if (conf[i] < lo) {
                        right = goldOos[i];
                    } else {
                        escalated++;
                        right = escalationRight[i];
                    }
                    if (goldOos[i]) {
                        oosN++;
                        oosOk += right ? 1 : 0;
                    } else {
                        inN++;
                        inOk += right ? 1 : 0;
                    }
                }
                double esc = (double) escalated / n;
                if (esc > share + 1e-12) {
                    continue;
                }
                double in = inN == 0 ? 0 : (double) inOk / inN, rec = oosN == 0 ? 0 : (double) oosOk / oosN;
                double score = oos ? (1 - Calibration.DEFAULT_OOS_PRIOR) * in + Calibration.DEFAULT_OOS_PRIOR * rec : in;
                if (score > bestScore + 1e-12 || Math.abs(score - bestScore) <= 1e-12 && esc < bestShare) {
                    bestScore = score;
                    bestShare = esc;
                    bestHi = hi;
                    bestLo = lo;
                }
            }
        }
        return new Cascade(new CascadeModel(bag, escalation, bestHi, bestLo), bestShare);
    }

    /**
     * Calibrates both members on {@code validation} and returns the encoder head alone or the ensemble with the bag
     * weight (of {@code weights}) that scores best there, calibrated.
     */
    public static TextClassifier chooseEnsemble(EncoderHeadModel enc, HashedBagModel bag, List<Example> validation, List<Double> weights,
            PrintStream out) {
        boolean oos = validation.stream().anyMatch(ModelTraining::isOutOfScope);
        Evaluator.calibrate(enc, validation, oos);
        Evaluator.calibrate(bag, validation, oos);
        TextClassifier best = enc;
        double headScore = objective(enc, validation, oos), bestScore = headScore;
        for (double w : weights) {
            if (w <= 0) {
                continue; // the head alone: already the incumbent
            }
            EnsembleModel candidate = new EnsembleModel(enc, bag, w);
            Evaluator.calibrate(candidate, validation, oos);
            double score = objective(candidate, validation, oos);
            if (out != null) {
                out.printf(Locale.ROOT, "ensemble with bag weight %.2f: validation score %.4f (encoder head alone %.4f)%n", w, score,
                        headScore);
            }
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    /** What the out-of-scope threshold tuning maximizes, on the model's current calibration. */
    private static double objective(TextClassifier model, List<Example> validation, boolean oos) {
        Metrics m = Evaluator.evaluate(model, validation);
        return oos ? (1 - Calibration.DEFAULT_OOS_PRIOR) * m.inScopeAccuracy() + Calibration.DEFAULT_OOS_PRIOR * m.oosRecall() : m.accuracy();
    }

    private static Map<String, Object> validation(TextClassifier model, List<Example> val, boolean oos) {
        // a cascade's members are calibrated and its gates set around the threshold it already has: kept as chosen
        Evaluator.CalibrationReport c = model instanceof CascadeModel ? null : Evaluator.calibrate(model, val, oos);
        Metrics m = Evaluator.evaluate(model, val);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("examples", val.size());
        v.put(oos ? "in_scope_accuracy" : "accuracy", round(oos ? m.inScopeAccuracy() : m.accuracy()));
        if (oos) {
            v.put("oos_recall", round(m.oosRecall()));
        }
        v.put("macro_f1", round(m.macroF1()));
        v.put("temperature", round(c == null ? model.temperature() : c.temperature()));
        v.put("oos_threshold", round(c == null ? model.oosThreshold() : c.oosThreshold()));
        if (c != null) {
            v.put("ece_before", round(c.eceBefore()));
            v.put("ece_after", round(c.eceAfter()));
        }
        return v;
    }

    /** Trains bag models on other examples with the same labels and settings (cross-validation folds). */
    private static Function<List<Example>, HashedBagModel> bagRetrain(List<String> labels, BagTrainer.Config cfg) {
        return ex -> BagTrainer.train(labels, Datasets.texts(ex), Datasets.indices(ex, labels), cfg, null).model();
    }

    /** Every example a cross-validated model is calibrated on: training (out of fold) and validation. */
    private static List<Example> trainAndValidation(TrainingData data) {
        List<Example> all = new ArrayList<>(data.train());
        all.addAll(data.validation());
        return all;
    }

    /** {@code folds}, calibrated (temperature, out-of-scope threshold) on their out-of-fold predictions. */
    private static FoldModels crossValidated(FoldModels folds, TrainingData data) {
        List<Example> all = trainAndValidation(data);
        Evaluator.calibrate(folds, all, all.stream().anyMatch(ModelTraining::isOutOfScope));
        return folds;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
