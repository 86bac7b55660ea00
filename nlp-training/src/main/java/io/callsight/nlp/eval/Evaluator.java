package io.callsight.nlp.eval;

import io.callsight.nlp.classify.Calibration;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs a classifier over examples, fits calibration, and measures throughput and latency on one thread. */
public final class Evaluator {
    private Evaluator() {}

    /**
     * Metrics of {@code model} on {@code data} over its in-scope labels: labels unknown to the model and its own
     * out-of-scope class (if it has one) count as out-of-scope gold.
     */
    public static Metrics evaluate(TextClassifier model, List<Example> data) {
        List<String> labels = model.labels();
        int oosClass = labels.indexOf(TextClassifier.OUT_OF_SCOPE);
        List<String> inScope = new ArrayList<>(labels);
        if (oosClass >= 0) {
            inScope.remove(oosClass);
        }
        int[] gold = Datasets.indices(data, inScope);
        int[] pred = new int[data.size()];
        for (int i = 0; i < pred.length; i++) {
            Prediction p = model.predict(data.get(i).text());
            pred[i] = p.outOfScope() ? -1 : oosClass >= 0 && p.bestIndex() > oosClass ? p.bestIndex() - 1 : p.bestIndex();
        }
        return new Metrics(inScope, gold, pred);
    }

    /**
     * Area under the ROC curve for telling in-scope from out-of-scope examples by the model's highest in-scope
     * probability (its own out-of-scope class never counts as that maximum): 1 = perfectly separable, 0.5 = chance.
     * Unlike OOS recall it does not depend on where the threshold was put, so two models can be compared even when
     * the same tuning rule lands them at different points of the in-scope/OOS trade-off. NaN without both kinds.
     */
    public static double oosAuroc(TextClassifier model, List<Example> data) {
        int oosClass = model.labels().indexOf(TextClassifier.OUT_OF_SCOPE);
        Set<String> inScope = new HashSet<>(model.labels());
        inScope.remove(TextClassifier.OUT_OF_SCOPE);
        List<double[]> scored = new ArrayList<>(); // {score, 1 if in-scope}
        for (Example e : data) {
            double[] p = model.probabilities(e.text());
            double max = 0;
            for (int k = 0; k < p.length; k++) {
                if (k != oosClass) {
                    max = Math.max(max, p[k]);
                }
            }
            scored.add(new double[] {max, inScope.contains(e.label()) ? 1 : 0});
        }
        scored.sort((a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < scored.size(); ) { // mid-ranks for ties (Mann-Whitney U)
            int j = i;
            while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (scored.get(k)[1] == 1) {
                    rankSum += midRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = scored.size() - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Calibration result: the fitted temperature, tuned threshold and validation ECE before/after. */
    public record CalibrationReport(double temperature, double oosThreshold, double eceBefore, double eceAfter) {}

    /**
     * Fits temperature scaling on the in-scope part of {@code validation} and, if {@code tuneOos} and it holds
     * out-of-scope examples (labels unknown to the model), the max-probability OOS threshold; stores both in the model.
     */
    public static CalibrationReport calibrate(TextClassifier model, List<Example> validation, boolean tuneOos) {
        int[] gold = Datasets.indices(validation, model.labels());
        List<float[]> logits = new ArrayList<>(), inLogits = new ArrayList<>();
        List<Integer> inGold = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            float[] l = model.logits(validation.get(i).text());
            logits.add(l);
            if (gold[i] >= 0) {
                inLogits.add(l);
                inGold.add(gold[i]);
            }
        }
        int[] ig = inGold.stream().mapToInt(Integer::intValue).toArray();
        double t = Calibration.fitTemperature(inLogits, ig);
        int oosClass = model.labels().indexOf(TextClassifier.OUT_OF_SCOPE);
        int[] scopeGold = gold.clone(); // the model's own out-of-scope class is out-of-scope gold for the threshold
        for (int i = 0; i < scopeGold.length; i++) {
            if (scopeGold[i] == oosClass) {
                scopeGold[i] = -1;
            }
        }
        double th = tuneOos ? Calibration.tuneOosThreshold(logits, scopeGold, t, Calibration.DEFAULT_OOS_PRIOR, oosClass) : 0;
        model.setCalibration(t, th);
        return new CalibrationReport(t, th, Calibration.ece(inLogits, ig, 1), Calibration.ece(inLogits, ig, t));
    }

    /** Throughput and latency on the calling thread. */
    public record Speed(double batchPerSecond, double singlePerSecond, double p50Micros, double p99Micros) {}

    /**
     * Measures {@code predict} speed: "batch" = back-to-back over the list (after warm-up), "single" = each call
     * timed on its own (p50/p99 latency from those timings).
     */
    public static Speed speed(TextClassifier model, List<String> texts, int minCalls) {
        int warm = Math.min(texts.size() * 2, 20_000);
        long sink = 0;
        for (int i = 0; i < warm; i++) {
            sink += model.predict(texts.get(i % texts.size())).bestIndex();
        }
        int calls = Math.max(minCalls, texts.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += model.predict(texts.get(i % texts.size())).bestIndex();
        }
        double batch = calls / ((System.nanoTime() - t0) / 1e9);
        long[] lat = new long[calls];
        long s0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long a = System.nanoTime();
            sink += model.predict(texts.get(i % texts.size())).bestIndex();
            lat[i] = System.nanoTime() - a;
        }
        double single = calls / ((System.nanoTime() - s0) / 1e9);
        java.util.Arrays.sort(lat);
        if (sink == 42) {
            System.out.print("");
        }
        return new Speed(batch, single, lat[calls / 2] / 1e3, lat[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e3);
    }
}
