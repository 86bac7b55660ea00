package io.callsight.asr.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GruModelTest {
    /** The committed model reproduces the DJL (PyTorch) forward output it was exported with, to 1e-4. */
    @Test
    void javaForwardMatchesDjlSelfTest() throws Exception {
        Path dir = RnnDenoiser.defaultModelDir().orElse(null);
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve("selftest.bin")),
                "no trained denoiser under models/denoiser (run TrainDenoiser): DJL parity check skipped");
        GruModel model = GruModel.read(dir.resolve("weights.bin"));
        Map<String, GruModel.Tensor> st;
        try (var in = Files.newInputStream(dir.resolve("selftest.bin"))) {
            st = GruModel.readTensors(in);
        }
        GruModel.Tensor features = st.get("features");
        GruModel.Tensor expected = st.get("expected");
        int t = features.dim(0), f = features.dim(1), b = expected.dim(1);
        float[] frame = new float[f];
        double max = 0;
        for (int i = 0; i < t; i++) {
            System.arraycopy(features.data(), i * f, frame, 0, f);
            float[] g = model.step(frame);
            for (int k = 0; k < b; k++) {
                max = Math.max(max, Math.abs(g[k] - expected.data()[i * b + k]));
            }
        }
        assertEquals(0, max, 1e-4, "max |java - djl|");
    }

    @Test
    void fileRoundTripAndValidation() throws Exception {
        Map<String, GruModel.Tensor> t = RnnTesting.randomModel(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GruModel.writeTensors(bytes, t);
        GruModel a = new GruModel(t);
        GruModel b = new GruModel(GruModel.readTensors(new ByteArrayInputStream(bytes.toByteArray())));
        float[] x = new float[a.features()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        float[] ga = a.step(x).clone();
        float[] gb = b.step(x);
        for (int i = 0; i < ga.length; i++) {
            assertEquals(ga[i], gb[i], 0);
        }
        assertThrows(java.io.IOException.class, () -> GruModel.readTensors(new ByteArrayInputStream("nope....".getBytes())));
        t.remove("out_b");
        assertThrows(IllegalArgumentException.class, () -> new GruModel(t));
    }
}
