package io.callsight.dialog.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.flow.FlowFiles;
import io.callsight.dialog.flow.FlowLoad;
import io.callsight.dialog.flow.IntentCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Fixtures shared by the dialog tests: the test tenant's intents, flows from text, and a fixed clock. */
public final class TestFlows {
    /** Monday 2 June 2025, 10:00 UTC: "next Tuesday" is the 3rd, "tomorrow" too. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);
    public static final Path RESOURCES = Path.of("src/test/resources");
    public static final Path ROOT = Path.of(System.getProperty("callsight.root", "..")).toAbsolutePath().normalize();

    private TestFlows() {}

    public static IntentCatalog catalog() {
        try {
            IntentCatalog.Loaded loaded = IntentCatalog.load(List.of(RESOURCES.resolve("intents")));
            assertEquals(List.of(), loaded.errors());
            return loaded.catalog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A flow that must be valid; fails the test with its errors otherwise. */
    public static Flow valid(FlowLoad load) {
        assertEquals(List.of(), load.errors().stream().map(Object::toString).toList(), "flow should be valid");
        return load.flow();
    }

    public static Flow parse(String yaml) {
        return valid(FlowFiles.parse("inline.yml", yaml, catalog()));
    }

    public static Flow engineFlow() {
        try {
            return valid(FlowFiles.load(RESOURCES.resolve("flows/engine.yml"), catalog()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
