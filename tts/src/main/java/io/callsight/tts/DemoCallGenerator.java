package io.callsight.tts;

import io.callsight.events.AudioCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Renders every script in a directory into audio plus reference sidecars, skipping calls whose output is
 * newer than their script. Generated audio is a build output: it is gitignored and re-created on demand.
 *
 * <pre>
 * java io.callsight.tts.DemoCallGenerator [--force] [--pcm16] [--scripts DIR] [--out DIR]
 * (defaults: datasets/demo-calls, its audio/ subdirectory, μ-law)
 * </pre>
 */
public final class DemoCallGenerator {
    /** Relative to the project root, taken from {@code -Dcallsight.root} or else the working directory. */
    public static final Path DEFAULT_SCRIPTS_DIR = Path.of("datasets", "demo-calls");

    /** Told about each call as it is done, in script order. */
    @FunctionalInterface
    public interface ProgressListener {
        void callDone(int index, int total, String scriptName, boolean rendered, double audioSeconds);
    }

    public record Summary(int rendered, int skipped, double audioSeconds, long elapsedMs) {
    }

    /** Prints {@code [3/12] bank-03-missed-loan-payment 42.1 s audio}. */
    public static final ProgressListener PRINT_PROGRESS = (index, total, name, rendered, seconds) ->
            System.out.printf(Locale.ROOT, "[%d/%d] %s %.1f s audio%s%n", index, total, name, seconds,
                    rendered ? "" : " (up to date)");

    private final Supplier<DemoCallRenderer> rendererFactory;
    private DemoCallRenderer renderer;

    /**
     * @param rendererFactory called at most once, and only when some call needs rendering: starting MaryTTS
     *     takes seconds that an up-to-date directory should not cost
     */
    public DemoCallGenerator(Supplier<DemoCallRenderer> rendererFactory) {
        this.rendererFactory = rendererFactory;
    }

    public Summary generate(Path scriptsDir, Path outDir, boolean force, ProgressListener progress)
            throws IOException {
        long startNanos = System.nanoTime();
        // Parse everything before synthesizing anything: a broken script fails the run in milliseconds.
        List<Path> files = scriptFiles(scriptsDir);
        List<DemoCallScript> scripts = new ArrayList<>(files.size());
        for (Path file : files) {
            scripts.add(DemoCallScript.load(file));
        }
        int rendered = 0;
        double audioSeconds = 0;
        for (int i = 0; i < scripts.size(); i++) {
            DemoCallScript script = scripts.get(i);
            boolean stale = force || !isUpToDate(files.get(i), outDir, script.name());
            long durationMs = stale
                    ? renderer().renderTo(script, outDir).durationMs()
                    : CallReference.read(DemoCallRenderer.referenceFile(outDir, script.name())).durationMs();
            rendered += stale ? 1 : 0;
            audioSeconds += durationMs / 1000.0;
            progress.callDone(i + 1, scripts.size(), script.name(), stale, durationMs / 1000.0);
        }
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        return new Summary(rendered, scripts.size() - rendered, audioSeconds, elapsedMs);
    }

    /** The {@code *.json} files directly in {@code dir}, by name; sidecars live in a subdirectory. */
    static List<Path> scriptFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isUpToDate(Path script, Path outDir, String name) throws IOException {
        Path wav = DemoCallRenderer.wavFile(outDir, name);
        Path reference = DemoCallRenderer.referenceFile(outDir, name);
        if (!Files.exists(wav) || !Files.exists(reference)) {
            return false;
        }
        var scriptTime = Files.getLastModifiedTime(script);
        return Files.getLastModifiedTime(wav).compareTo(scriptTime) >= 0
                && Files.getLastModifiedTime(reference).compareTo(scriptTime) >= 0;
    }

    private DemoCallRenderer renderer() {
        if (renderer == null) {
            renderer = rendererFactory.get();
        }
        return renderer;
    }

    public static void main(String[] args) throws IOException {
        boolean force = false;
        AudioCodec codec = AudioCodec.PCMU;
        Path scriptsDir = Path.of(System.getProperty("callsight.root", ".")).resolve(DEFAULT_SCRIPTS_DIR);
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--force" -> force = true;
                case "--pcm16" -> codec = AudioCodec.L16;
                case "--scripts" -> scriptsDir = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: DemoCallGenerator [--force] [--pcm16] [--scripts DIR] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        if (outDir == null) {
            outDir = scriptsDir.resolve("audio");
        }
        AudioCodec chosenCodec = codec;
        DemoCallGenerator generator =
                new DemoCallGenerator(() -> new DemoCallRenderer(new MaryTtsSynthesizer(), chosenCodec));
        Summary summary = generator.generate(scriptsDir, outDir, force, PRINT_PROGRESS);
        System.out.printf(Locale.ROOT, "%d rendered, %d up to date, %.1f s of audio in %.1f s -> %s%n",
                summary.rendered(), summary.skipped(), summary.audioSeconds(), summary.elapsedMs() / 1000.0,
                outDir.toAbsolutePath().normalize());
    }
}
