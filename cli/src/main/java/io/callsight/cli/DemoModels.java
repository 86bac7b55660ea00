package io.callsight.cli;

import io.callsight.nlp.training.DemoNluModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Where the demo's intent files and models live; what to train there is {@link DemoNluModels}'s. */
final class DemoModels {
    private DemoModels() {
    }

    static Path intentFiles() {
        return DemoCalls.scriptsDir().resolveSibling("demo-intents");
    }

    static Path modelsDir() {
        return Path.of(System.getProperty("callsight.root", ".")).resolve("models");
    }

    /** Trains what is missing or stale; {@code out} gets one line per model (and the trainer's progress). */
    static void ensureTrained(PrintStream out) throws IOException {
        DemoNluModels.ensureTrained(intentFiles(), modelsDir(), out);
    }
}
