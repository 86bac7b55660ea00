package io.callsight.nlp.training;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * One {@code train intents|sentiment} run. Invalid combinations fail here, when the request is built, so nothing
 * is loaded or trained for a request that cannot run; the messages name the command-line options, which is how
 * users meet them.
 *
 * @param task {@code intents} or {@code sentiment}
 * @param tenant whose model this is ({@code _shared} for the shared sentiment models)
 * @param data the labeled file to train on (see {@link ModelTraining#load}); null when {@code corpus} is set
 * @param corpus {@code en} or {@code zh}: train on the shared sentiment corpora instead of {@code data}
 * @param unlabeled utterances without labels, one per line, to self-train on (or for the teacher to label); or null
 * @param outDir the model root; the run writes {@code outDir/<tenant>/<task>/v<n>/}
 * @param model what to train; null: {@link ModelKind#AUTO}, or {@link ModelKind#BAG} with a teacher
 * @param escalate {@link ModelKind#CASCADE} only: the most of the validation utterances it may send to the encoder
 *     model; null: {@link NluTraining#DEFAULT_ESCALATE_SHARE}
 * @param teacher {@code encoder} to have an encoder head label the unlabeled utterances for the bag; or null
 * @param bag the bag model's settings that differ from the task's defaults
 * @param force retrain even when the data hash and parameters match the current version
 */
public record TrainRequest(String task, String tenant, Path data, String corpus, Path unlabeled, Path outDir, ModelKind model,
        Double escalate, String teacher, BagSettings bag, boolean force) {

    public TrainRequest {
        if (!"intents".equals(task) && !"sentiment".equals(task)) {
            throw new IllegalArgumentException("unknown task " + task + " (intents or sentiment)");
        }
        if (tenant == null) {
            throw new IllegalArgumentException("--tenant is required (try --help)");
        }
        if (data == null && corpus == null) {
            throw new IllegalArgumentException("--data is required (try --help)");
        }
        if (teacher != null && !teacher.equals("encoder")) {
            throw new IllegalArgumentException("unknown --teacher " + teacher + " (encoder)");
        }
        if (model == null) {
            model = teacher != null ? ModelKind.BAG : ModelKind.AUTO;
        }
        if (escalate != null) {
            if (model != ModelKind.CASCADE) {
                throw new IllegalArgumentException("--escalate is a setting of --model cascade");
            }
            if (!(escalate > 0 && escalate <= 1)) {
                throw new IllegalArgumentException(escalateTakes(BigDecimal.valueOf(escalate).stripTrailingZeros().toPlainString()));
            }
        }
        outDir = outDir != null ? outDir : Path.of("models");
        bag = bag != null ? bag : BagSettings.TASK_DEFAULTS;
    }

    /** A request with every option at its default. */
    public static TrainRequest of(String task, String tenant, Path data, Path outDir) {
        return new TrainRequest(task, tenant, data, null, null, outDir, null, null, null, null, false);
    }

    public TrainRequest withModel(ModelKind kind, Double escalateShare) {
        return new TrainRequest(task, tenant, data, corpus, unlabeled, outDir, kind, escalateShare, teacher, bag, force);
    }

    /** {@code --escalate}'s value as a share, with the message of a bad one. */
    public static double parseEscalate(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(escalateTakes(text));
        }
    }

    private static String escalateTakes(String given) {
        return "--escalate takes a share of the utterances in (0, 1], e.g. 0.25, not '" + given + "'";
    }

    /**
     * Bag-model settings that override the task's defaults ({@link NluTraining#defaults}); null leaves one at its
     * default. They also set the n-gram features of the TF-IDF baseline and of an ensemble's or cascade's bag member.
     */
    public record BagSettings(Integer epochs, Integer dim, Float learningRate, Integer batch, Float embeddingLearningRate,
            Integer members, Integer buckets, Integer minCount, Float dropout, Float nbAlpha) {
        public static final BagSettings TASK_DEFAULTS = new BagSettings(null, null, null, null, null, null, null, null, null, null);

        /** {@code defaults} with these overrides applied. */
        public BagTrainer.Config applyTo(BagTrainer.Config defaults) {
            BagTrainer.Config c = defaults;
            c = c.withEpochs(epochs != null ? epochs : c.epochs())
                    .withDim(dim != null ? dim : c.dim())
                    .withLearningRate(learningRate != null ? learningRate : c.learningRate())
                    .withBatch(batch != null ? batch : c.batch())
                    .withDropout(dropout != null ? dropout : c.dropout(), c.featureDropout())
                    .withRows(minCount != null ? minCount : c.minCount(), c.maxRows());
            return c.withBuckets(buckets != null ? buckets : c.buckets())
                    .withMembers(members != null ? members : c.members())
                    .withEmbeddingSgd(embeddingLearningRate != null ? embeddingLearningRate : c.embeddingSgdLr())
                    .withNbWeighting(nbAlpha != null ? nbAlpha : c.nbAlpha());
        }
    }
}
