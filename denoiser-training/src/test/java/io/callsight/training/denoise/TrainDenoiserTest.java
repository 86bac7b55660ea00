package io.callsight.training.denoise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.denoise.RnnDenoiser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainDenoiserTest {
    /** A tiny training run end to end: DJL trains, weights export, and the Java forward pass matches DJL to 1e-4. */
    @Test
    void tinyTrainingRunExportsAModelJavaReproduces(@TempDir Path tmp) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        TrainDenoiser.Options o = new TrainDenoiser.Options(tmp, "v0.0.1", 1, 64, 20, 16, 3e-3f, 1,
                tmp.resolve("no-datasets"), false); // no datasets: synthetic speech keeps the test fast and self-contained
        Path dir = TrainDenoiser.run(o); // throws if Java and DJL disagree by more than 1e-4
        assertTrue(Files.size(dir.resolve("weights.bin")) < 500_000);
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"java_vs_djl_max_abs_diff\""));
        RnnDenoiser d = RnnDenoiser.load(dir);
        assertTrue(d.processAll(new short[1234]).length == 1234);
    }
}
