package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module map of the README, enforced on the sources: engines stay free of Flink and Kafka, services reach the
 * Flink job module only to start the job, NLU inference carries no training code, and no two packages import
 * each other in a circle.
 */
class ModuleBoundariesTest {
    private static final Path ROOT = Path.of(System.getProperty("callsight.root", "..")).toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /** Every main source file of a module with what it imports. */
    private static Map<Path, List<String>> imports(String module) {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        Map<Path, List<String>> out = new TreeMap<>();
        if (!Files.isDirectory(src)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> imported = new ArrayList<>();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    imported.add(m.group(1));
                }
                out.put(ROOT.relativize(file), imported);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> violations(String module, String forbiddenPrefix) {
        List<String> found = new ArrayList<>();
        imports(module).forEach((file, imported) -> imported.stream().filter(i -> i.startsWith(forbiddenPrefix))
                .forEach(i -> found.add(file + " imports " + i)));
        return found;
    }

    @Test
    void theModulesAreWhereTheTestLooks() {
        assertTrue(Files.isDirectory(ROOT.resolve("analytics-jobs/src/main/java")), "repository root not found at " + ROOT);
    }

    @Test
    void enginesAndTheSearchModuleHaveNoFlinkOrKafka() {
        for (String module : List.of("events", "config", "tenants", "asr", "nlp-intents", "dialog-manager", "tts", "search", "archive")) {
            for (String framework : List.of("org.apache.flink", "org.apache.kafka")) {
                assertEquals(List.of(), violations(module, framework), module + " must stay plain Java");
            }
        }
    }

    @Test
    void theDialogManagerSpeaksNoHttp() {
        for (String http : List.of("io.javalin", "org.eclipse.jetty", "java.net.http")) {
            assertEquals(List.of(), violations("dialog-manager", http), "the gateway owns the network, not the dialog engine");
        }
    }

    @Test
    void onlyTheJobCommandReachesIntoTheFlinkJobModule() {
        for (String module : List.of("events", "asr", "nlp-intents", "dialog-manager", "tts", "search", "archive", "tenants", "ingest", "stack")) {
            assertEquals(List.of(), violations(module, "io.callsight.jobs"), module);
        }
        List<String> cli = violations("cli", "io.callsight.jobs");
        assertTrue(cli.stream().allMatch(v -> v.contains("JobsCommand.java")), "cli uses the job module only to start the job: " + cli);
    }

    @Test
    void nluInferenceCarriesNoTrainingCode() {
        assertEquals(List.of(), violations("nlp-intents", "ai.djl"));
        assertEquals(List.of(), violations("nlp-intents", "io.callsight.nlp.training"));
        assertEquals(List.of(), violations("nlp-intents", "io.callsight.nlp.eval"));
    }

    @Test
    void noTwoPackagesImportEachOther() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String module : List.of("events", "asr", "nlp-intents", "nlp-training", "dialog-manager", "tts", "search", "ingest",
                "analytics-jobs", "stack", "denoiser-training", "tenants", "archive", "config")) {
            imports(module).forEach((file, imported) -> {
                String pkg = file.getParent().toString().replaceFirst("^.*?src/main/java/", "").replace('/', '.');
                imported.stream().filter(i -> i.startsWith("io.callsight.") && !i.equals(pkg))
                        .forEach(i -> edges.computeIfAbsent(pkg, k -> new TreeSet<>()).add(i));
            });
        }
        List<String> cycles = new ArrayList<>();
        edges.forEach((from, targets) -> targets.stream()
                .filter(to -> from.compareTo(to) < 0 && edges.getOrDefault(to, Set.of()).contains(from))
                .forEach(to -> cycles.add(from + " <-> " + to)));
        assertEquals(List.of(), cycles);
    }
}
