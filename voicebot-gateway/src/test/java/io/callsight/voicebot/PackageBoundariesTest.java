package io.callsight.voicebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The module's layering, on its main sources (the rules of the root README's module map, which cli's
 * ModuleBoundariesTest checks for the other modules): no Kafka or Flink, the seam and the protocol free of Jetty, and
 * no two packages importing each other.
 */
class PackageBoundariesTest {
    private static final Path SRC = Path.of(System.getProperty("callsight.root", ".."), "voicebot-gateway",
            "src/main/java").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /** Package → the packages its files import. */
    private static Map<String, Set<String>> imports() throws IOException {
        assertTrue(Files.isDirectory(SRC), SRC.toString());
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SRC)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SRC.relativize(f.getParent()).toString().replace('/', '.');
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imported = m.group(1).replaceFirst("\\.[A-Z].*$", "");
                    out.computeIfAbsent(pkg, k -> new TreeSet<>()).add(imported);
                }
            }
        }
        return out;
    }

    @Test
    void noKafkaOrFlink() throws IOException {
        imports().forEach((pkg, imported) -> imported.forEach(i -> {
            assertTrue(!i.startsWith("org.apache.kafka") && !i.startsWith("org.apache.flink"), pkg + " imports " + i);
        }));
    }

    @Test
    void theSeamAndTheProtocolAreNetworkFree() throws IOException {
        Map<String, Set<String>> all = imports();
        for (String pkg : List.of("io.callsight.voicebot", "io.callsight.voicebot.twilio")) {
            for (String i : all.getOrDefault(pkg, Set.of())) {
                assertTrue(!i.startsWith("org.eclipse.jetty") && !i.startsWith("java.net"), pkg + " imports " + i);
            }
        }
    }

    @Test
    void noTwoPackagesImportEachOther() throws IOException {
        Map<String, Set<String>> all = imports();
        List<String> cycles = new ArrayList<>();
        all.forEach((from, targets) -> targets.stream()
                .filter(to -> from.compareTo(to) < 0 && all.getOrDefault(to, Set.of()).contains(from))
                .forEach(to -> cycles.add(from + " <-> " + to)));
        assertEquals(List.of(), cycles);
        assertTrue(all.get("io.callsight.voicebot.twilio").contains("io.callsight.voicebot"), "the check sees imports");
    }
}
