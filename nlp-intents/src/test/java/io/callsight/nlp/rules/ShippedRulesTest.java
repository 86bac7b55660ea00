package io.callsight.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo tenants' rules files in the repository's models/ load cleanly and check what the demo calls say. */
class ShippedRulesTest {
    @Test
    void everyShippedRulesFileIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(Path.of("../models"))) {
            files = dirs.map(d -> d.resolve("rules.yaml")).filter(Files::isRegularFile).toList();
        }
        assertEquals(3, files.size(), "rules for the three demo tenants: " + files);
        for (Path f : files) {
            KeywordRulesFile.Result r = KeywordRulesFile.load(f);
            assertTrue(r.errors().isEmpty(), f + ": " + r.errors());
            assertEquals(f.getParent().getFileName().toString(), r.rules().tenant());
            assertFalse(r.rules().mustSay().isEmpty(), f + " has must-say rules");
        }
    }
}
