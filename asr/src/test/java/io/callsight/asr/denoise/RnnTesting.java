package io.callsight.asr.denoise;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** A small random-weight model with the production layout, for tests that need no trained weights. */
final class RnnTesting {
    private RnnTesting() {
    }

    static Map<String, GruModel.Tensor> randomModel(long seed) {
        Random r = new Random(seed);
        int bands = BandLayout.TELEPHONE_CENTERS_HZ.length, f = RnnFeatures.size(bands), d = 8, h = 8;
        Map<String, GruModel.Tensor> t = new LinkedHashMap<>();
        t.put("meta", new GruModel.Tensor(new int[] {2}, new float[] {8000, 160}));
        t.put("band_hz", new GruModel.Tensor(new int[] {bands}, BandLayout.TELEPHONE_CENTERS_HZ.clone()));
        float[] mean = new float[f], std = new float[f];
        java.util.Arrays.fill(std, 3f);
        t.put("norm_mean", new GruModel.Tensor(new int[] {f}, mean));
        t.put("norm_std", new GruModel.Tensor(new int[] {f}, std));
        t.put("in_w", rand(r, d, f));
        t.put("in_b", rand(r, d));
        for (int l = 1; l <= 2; l++) {
            t.put("gru" + l + "_wih", rand(r, 3 * h, l == 1 ? d : h));
            t.put("gru" + l + "_whh", rand(r, 3 * h, h));
            t.put("gru" + l + "_bih", rand(r, 3 * h));
            t.put("gru" + l + "_bhh", rand(r, 3 * h));
        }
        t.put("out_w", rand(r, bands, h));
        t.put("out_b", rand(r, bands));
        return t;
    }

    private static GruModel.Tensor rand(Random r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (r.nextGaussian() * 0.5);
        }
        return new GruModel.Tensor(shape, d);
    }
}
