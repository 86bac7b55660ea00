package io.callsight.nlp.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sentence encoder's files are: {@code -Dcallsight.encoders} (or {@code $CALLSIGHT_ENCODERS}), a directory
 * holding {@code <name>/}; else {@code encoders/<name>} in the models directory a model was loaded from (so a
 * cluster that reads tenant models from shared storage finds the encoder beside them); else
 * {@code models/encoders/<name>} under {@code -Dcallsight.root} or the working directory or one of its parents
 * (the build unpacks the Maven Central model there).
 */
public final class SentenceEncoders {
    static final String RELATIVE = "models/encoders";

    private SentenceEncoders() {}

    public static Path locate(String name) {
        return locate(name, null);
    }

    /** As {@link #locate(String)}, looking in {@code modelsRoot/encoders/} (if not null) first. */
    public static Path locate(String name, Path modelsRoot) {
        List<Path> tried = new ArrayList<>();
        String configured = System.getProperty("callsight.encoders", System.getenv("CALLSIGHT_ENCODERS"));
        if (configured != null && !configured.isBlank()) {
            tried.add(Path.of(configured).resolve(name));
        } else {
            if (modelsRoot != null) {
                tried.add(modelsRoot.resolve("encoders").resolve(name));
            }
            String root = System.getProperty("callsight.root");
            if (root != null) {
                tried.add(Path.of(root).resolve(RELATIVE).resolve(name));
            }
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                tried.add(d.resolve(RELATIVE).resolve(name));
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p.resolve("model.onnx"))) {
                return p;
            }
        }
        throw new IllegalStateException("no sentence encoder '" + name + "' (looked in " + tried.get(0).toAbsolutePath()
                + (tried.size() > 1 ? " and " + (tried.size() - 1) + " parent directories" : "")
                + "): build once with `mvn -DskipTests package` to unpack it from Maven Central, or set -Dcallsight.encoders");
    }

    /** Whether {@link #locate} would find {@code name}. */
    public static boolean available(String name) {
        try {
            locate(name);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
