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
 * {@code model.json} (gates, and the escalation's kind, bag weight and calibration) and the members in {@code bag/}
 * and {@code encoder/}: an ensemble escalation votes with the same bag, so it is stored once.
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
        if (!(escalation instanceof EncoderHeadModel || escalation instanceof EnsembleModel e && e.bag() == bag)) {
            throw new IllegalArgumentException("a cascade escalates to an encoder head or an ensemble with the same bag, not " + escalation);
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

    /** A prediction and whether the encoder model made it. */
    public record Routed(Prediction prediction, boolean escalated) {}

    /** {@link #predict}, also saying which member answered (the job records it), with one pass of the bag. */
    public Routed predictRouted(String text) {
        Answer a = answer(text);
        return new Routed(Calibration.decide(labels(), a.logits(), temperature(), oosThreshold()), a.escalated());
    }

    @Override
    public Prediction predict(String text) {
        return predictRouted(text).prediction();
    }

    @Override
    public float[] logits(String text) {
        return answer(text).logits();
    }

    private record Answer(float[] logits, boolean escalated) {}

    /** The answering member's log-probabilities: the bag's, unless it is unsure. */
    private Answer answer(String text) {
        double[] p = bag.probabilities(text);
        boolean escalated = escalates(max(p));
        if (escalated) {
            p = escalation.probabilities(text);
        }
        float[] logits = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            logits[i] = (float) Math.log(p[i] + FLOOR);
        }
        return new Answer(logits, escalated);
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
        // an ensemble escalation shares this bag: stored once, the ensemble rebuilt from its weight and calibration
        EncoderHeadModel head = escalation instanceof EnsembleModel e ? e.encoder() : (EncoderHeadModel) escalation;
        Map<String, Object> esc = new LinkedHashMap<>();
        esc.put("kind", escalation instanceof EnsembleModel ? EnsembleModel.KIND : EncoderHeadModel.KIND);
        esc.put("bag_weight", escalation instanceof EnsembleModel e ? e.bagWeight() : 0.0);
        esc.put("temperature", escalation.temperature());
        esc.put("oos_threshold", escalation.oosThreshold());
        m.put("escalation", esc);
        m.put("members", List.of("bag", "encoder"));
        JSON.writeValue(dir.resolve("model.json").toFile(), m);
        bag.save(dir.resolve("bag"));
        head.save(dir.resolve("encoder"));
    }

    public static CascadeModel load(Path dir) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        if (!KIND.equals(m.path("kind").asText())) {
            throw new IOException(dir + " is not a " + KIND + " model");
        }
        HashedBagModel bag = HashedBagModel.load(dir.resolve("bag"));
        EncoderHeadModel head = EncoderHeadModel.load(dir.resolve("encoder"), EncoderHeadModel.modelsRootOf(dir));
        JsonNode esc = m.path("escalation");
        TextClassifier escalation = head;
        if (EnsembleModel.KIND.equals(esc.path("kind").asText())) {
            escalation = new EnsembleModel(head, bag, esc.path("bag_weight").asDouble());
            ((EnsembleModel) escalation).setCalibration(esc.path("temperature").asDouble(1), esc.path("oos_threshold").asDouble(0));
        }
        CascadeModel c = new CascadeModel(bag, escalation, m.path("accept_above").asDouble(), m.path("reject_below").asDouble());
        c.setCalibration(m.path("temperature").asDouble(1), m.path("oos_threshold").asDouble(0));
        return c;
    }
}
