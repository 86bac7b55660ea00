package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callsight.nlp.encoder.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A linear softmax head (trained with DJL) on a frozen pretrained sentence encoder:
 * {@code logits = W · encode(text) + b}. The head is a few hundred kilobytes per tenant; the encoder is shared by
 * every tenant and task in the JVM ({@link SentenceEncoder#shared}). On disk: {@code model.json} (kind, encoder,
 * labels, dim, calibration) and {@code weights.bin} (little-endian float32 W [classes×dim], b [classes]).
 */
public final class EncoderHeadModel extends CalibratedClassifier {
    public static final String KIND = "sentence-encoder-head";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> labels;
    private final String encoderName;
    private final Function<String, float[]> encoder;
    private final int dim;
    private final float[] weight;
    private final float[] bias;

    /** @param encoder text → embedding of length {@code dim} (the named encoder, or a test double) */
    public EncoderHeadModel(List<String> labels, String encoderName, Function<String, float[]> encoder, int dim, float[] weight,
            float[] bias) {
        if (weight.length != labels.size() * dim || bias.length != labels.size()) {
            throw new IllegalArgumentException("head shapes do not match " + labels.size() + " classes x dim " + dim);
        }
        this.labels = List.copyOf(labels);
        this.encoderName = encoderName;
        this.encoder = encoder;
        this.dim = dim;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public String encoderName() {
        return encoderName;
    }

    public int dim() {
        return dim;
    }

    @Override
    public float[] logits(String text) {
        return logitsOfEmbedding(encoder.apply(text));
    }

    /** Logits of an already-computed embedding (training, batch evaluation). */
    public float[] logitsOfEmbedding(float[] e) {
        if (e.length != dim) {
            throw new IllegalArgumentException("embedding has " + e.length + " dimensions, the head expects " + dim);
        }
        return affine(weight, bias, e);
    }

    /** The same head (and calibration) on another encoder function, e.g. the uncached encoder. */
    public EncoderHeadModel withEncoder(Function<String, float[]> other) {
        EncoderHeadModel m = new EncoderHeadModel(labels, encoderName, other, dim, weight, bias);
        m.setCalibration(temperature(), oosThreshold());
        return m;
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("encoder", encoderName);
        m.put("labels", labels);
        m.put("dim", dim);
        m.put("temperature", temperature());
        m.put("oos_threshold", oosThreshold());
        m.put("weights", "weights.bin");
        JSON.writeValue(dir.resolve("model.json").toFile(), m);
        FloatIo.write(dir.resolve("weights.bin"), weight, bias);
    }

    /**
     * Loads a head and attaches the JVM's shared instance of its encoder, looked for first beside the models
     * ({@code <models>/<tenant>/<task>/<version>} → {@code <models>/encoders/}).
     */
    public static EncoderHeadModel load(Path dir) throws IOException {
        return load(dir, modelsRootOf(dir));
    }

    /** As {@link #load(Path)}, with the models root to look for the encoder in given. */
    public static EncoderHeadModel load(Path dir, Path modelsRoot) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        SentenceEncoder enc = SentenceEncoder.shared(m.path("encoder").asText(), modelsRoot);
        return load(dir, enc::embedCached);
    }

    /** The models root of a version directory {@code <models>/<tenant>/<task>/<version>}, or null. */
    public static Path modelsRootOf(Path versionDir) {
        Path abs = versionDir.toAbsolutePath().normalize();
        return abs.getNameCount() >= 4 ? abs.getParent().getParent().getParent() : null;
    }

    /** Loads a head with the given encoder function (which must be the model's encoder). */
    public static EncoderHeadModel load(Path dir, Function<String, float[]> encoder) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        if (!KIND.equals(m.path("kind").asText())) {
            throw new IOException(dir + " is not a " + KIND + " model");
        }
        List<String> labels = new ArrayList<>();
        m.get("labels").forEach(n -> labels.add(n.asText()));
        int dim = m.get("dim").asInt();
        float[][] w = FloatIo.read(dir.resolve("weights.bin"), (long) labels.size() * dim, labels.size());
        EncoderHeadModel model = new EncoderHeadModel(labels, m.path("encoder").asText(), encoder, dim, w[0], w[1]);
        model.setCalibration(m.path("temperature").asDouble(1), m.path("oos_threshold").asDouble(0));
        return model;
    }
}
