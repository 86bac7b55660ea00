package io.callsight.asr.recognition;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the unpacked Vosk model: {@code -Dcallsight.vosk.model}, then {@code $CALLSIGHT_VOSK_MODEL}, then
 * {@code models/vosk-model-en-us} under the Callsight root (where the build unpacks the Maven Central model).
 */
public final class VoskModelLocator {
    public static final String DEFAULT_RELATIVE = "models/vosk-model-en-us";

    private VoskModelLocator() {
    }

    public static Path locate() {
        String configured = System.getProperty("callsight.vosk.model", System.getenv("CALLSIGHT_VOSK_MODEL"));
        Path path = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("callsight.root", ".")).resolve(DEFAULT_RELATIVE);
        if (!Files.isDirectory(path.resolve("am")) || !Files.isDirectory(path.resolve("conf"))) {
            throw new IllegalStateException("no Vosk model at " + path.toAbsolutePath()
                    + " (expected am/ and conf/): build once with `mvn -DskipTests package` to unpack it, "
                    + "or set -Dcallsight.vosk.model");
        }
        return path;
    }
}
