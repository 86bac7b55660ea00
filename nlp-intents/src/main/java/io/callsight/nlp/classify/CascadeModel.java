package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast model first, the accurate one only when it is unsure: the hashed n-gram bag (~40 µs) answers when its
 * calibrated confidence is at least {@code acceptAbove} (an intent) or below {@code rejectBelow} (out of scope);
 * everything in between is escalated to the encoder model (head or ensemble, ~2 ms). On CLINC150 the bag is sure
 * of most utterances and right about nearly all of those, so escalating a quarter of the traffic keeps the
 * encoder's accuracy at about four times its throughput.
 *
 * <p>{@link #logits} are the answering member's calibrated log-probabilities, so this model's own calibration
 * starts at temperature 1 with the escalation model's out-of-scope threshold; the gates are chosen around that
 * threshold ({@code rejectBelow ≤ threshold ≤ acceptAbove}), so a bag answer is never overturned by it. On disk:
 * {@code model.json} and the members in {@code bag/} and {@code escalation/}.
 */
public final class CascadeModel extends CalibratedClassifier {
    public static final String KIND = "bag-first-cascade";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double FLOOR = 1e-9;

    private final HashedBagModel bag;
    private final TextClassifier escalation;
    private final double acceptAbove;
    private final double rejectBelow;

    public CascadeModel(HashedBagModel bag, TextClassifier escalation, double acceptAbove, double rejectBelow) {
        if (!bag.labels().equals(escalation.labels())) {
            throw new IllegalArgumentException("cascade members must share their labels");
        }
        if (!(escalation instanceof EncoderHeadModel || escalation instanceof EnsembleModel)) {
            throw new IllegalArgumentException("a cascade escalates to an encoder head or an ensemble, not " + escalation.getClass().getSimpleName());
        }
        if (rejectBelow > acceptAbove) {
            throw new IllegalArgumentException("rejectBelow " + rejectBelow + " > acceptAbove " + acceptAbove);
        }
        this.bag = bag;
        this.escalation = escalation;
        this.acceptAbove = acceptAbove;
        this.rejectBelow = rejectBelow;
        setCalibration(1, escalation.oosThreshold());
    }

    @Override
    public List<String> labels() {
        return bag.labels();
    }

    public HashedBagModel bag() {
        return bag;
    }

    public TextClassifier escalation() {
        return escalation;
    }

    public double acceptAbove() {
        return acceptAbove;
    }

    public double rejectBelow() {
        return rejectBelow;
    }

    /** This model with the escalation member's encoder swapped (the benchmark times the real, uncached one). */
    public CascadeModel withEscalation(TextClassifier other) {
        CascadeModel c = new CascadeModel(bag, other, acceptAbove, rejectBelow);
        c.setCalibration(temperature(), oosThreshold());
        return c;
    }

    /** True when the bag is unsure of {@code text}, i.e. the encoder model decides it. */
    public boolean escalates(String text) {
        return escalates(max(bag.probabilities(text)));
    }

    private boolean escalates(double bagConfidence) {
        return bagConfidence < acceptAbove && bagConfidence >= rejectBelow;
    }

    @Override
    public float[] logits(String text) {
        double[] p = bag.probabilities(text);
        if (escalates(max(p))) {
            p = escalation.probabilities(text);
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) Math.log(p[i] + FLOOR);
        }
        return out;
    }

    private static double max(double[] p) {
        double m = 0;
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("labels", labels());
        m.put("accept_above", acceptAbove);
        m.put("reject_below", rejectBelow);
        m.put("temperature", temperature());
        m.put("oos_threshold", oosThreshold());
        m.put("members", List.of("bag", "escalation"));
        JSON.writeValue(dir.resolve("model.json").toFile(), m);
        bag.save(dir.resolve("bag"));
        if (escalation instanceof EnsembleModel e) {
            e.save(dir.resolve("escalation"));
        } else {
            ((EncoderHeadModel) escalation).save(dir.resolve("escalation"));
        }
    }

    public static CascadeModel load(Path dir) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        if (!KIND.equals(m.path("kind").asText())) {
            throw new IOException(dir + " is not a " + KIND + " model");
        }
        Path escalationDir = dir.resolve("escalation"), modelsRoot = EncoderHeadModel.modelsRootOf(dir);
        String kind = JSON.readTree(escalationDir.resolve("model.json").toFile()).path("kind").asText();
        TextClassifier escalation = EnsembleModel.KIND.equals(kind) ? EnsembleModel.load(escalationDir, modelsRoot)
                : EncoderHeadModel.load(escalationDir, modelsRoot);
        CascadeModel c = new CascadeModel(HashedBagModel.load(dir.resolve("bag")), escalation, m.path("accept_above").asDouble(),
                m.path("reject_below").asDouble());
        c.setCalibration(m.path("temperature").asDouble(1), m.path("oos_threshold").asDouble(0));
        return c;
    }
}
