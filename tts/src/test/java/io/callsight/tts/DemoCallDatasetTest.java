package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.CallEvent.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the shipped scripts in {@code datasets/demo-calls} valid and as varied as the demo needs. */
class DemoCallDatasetTest {
    private static List<DemoCallScript> scripts;

    @BeforeAll
    static void loadAll() throws IOException {
        Path dir = Path.of(System.getProperty("callsight.root", "..")).resolve(DemoCallGenerator.DEFAULT_SCRIPTS_DIR);
        scripts = new ArrayList<>();
        for (Path file : DemoCallGenerator.scriptFiles(dir)) {
            scripts.add(DemoCallScript.load(file));
        }
    }

    @Test
    void coversEachDomainWithAtLeastFourCallsInBothDirections() {
        assertTrue(scripts.size() >= 12, "only " + scripts.size() + " scripts");
        Map<String, Long> perDomain = scripts.stream()
                .collect(Collectors.groupingBy(DemoCallScript::domain, Collectors.counting()));
        for (String domain : List.of("banking", "insurance", "telecom")) {
            assertTrue(perDomain.getOrDefault(domain, 0L) >= 4, domain + ": " + perDomain);
        }
        Set<Direction> directions = scripts.stream().map(DemoCallScript::direction).collect(Collectors.toSet());
        assertEquals(Set.of(Direction.INBOUND, Direction.OUTBOUND), directions);
    }

    @Test
    void callsHaveUniqueIdsAndPlausibleTurns() {
        Set<String> ids = new HashSet<>();
        int overlapping = 0;
        for (DemoCallScript s : scripts) {
            assertTrue(ids.add(s.callId()), "duplicate callId " + s.callId());
            assertTrue(s.lines().size() >= 8 && s.lines().size() <= 14, s.name() + ": " + s.lines().size() + " lines");
            for (ScriptLine line : s.lines()) {
                if (line.overlapMs() == 0) {
                    assertTrue(line.pauseBeforeMs() >= 300 && line.pauseBeforeMs() <= 1500,
                            s.name() + ": pause " + line.pauseBeforeMs() + " before \"" + line.text() + "\"");
                }
                assertTrue(line.text().chars().noneMatch(Character::isDigit),
                        s.name() + ": spell numbers out as words for the recognizer: " + line.text());
            }
            overlapping += s.lines().stream().anyMatch(l -> l.overlapMs() > 0) ? 1 : 0;
        }
        assertTrue(overlapping >= 3, "only " + overlapping + " calls have overtalk");
    }
}
