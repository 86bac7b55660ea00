package io.callsight.nlp.eval;

import io.callsight.nlp.classify.Calibration;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.training.Datasets;
import io.callsight.nlp.training.Example;
import java.util.ArrayList;
import java.util.List;

/** Runs a classifier over examples, fits calibration, and measures throughput and latency on one thread. */
public final class Evaluator {
    private Evaluator() {}

    /** Metrics of {@code model} on {@code data} (labels unknown to the model count as out-of-scope gold). */
    public static Metrics evaluate(TextClassifier model, List<Example> data) {
        int[] gold = Datasets.indices(data, model.labels());
        int[] pred = new int[data.size()];
        for (int i = 0; i < pred.length; i++) {
            Prediction p = model.predict(data.get(i).text());
            pred[i] = p.outOfScope() ? -1 : p.bestIndex();
        }
        return new Metrics(model.labels(), gold, pred);
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
        double th = tuneOos ? Calibration.tuneOosThreshold(logits, gold, t) : 0;
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
