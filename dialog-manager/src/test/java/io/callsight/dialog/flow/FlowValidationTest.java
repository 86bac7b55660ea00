package io.callsight.dialog.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.config.ValidationError;
import io.callsight.dialog.testing.TestFlows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One bad fixture per kind of error (src/test/resources/flows/bad), each reported at its file and line. */
class FlowValidationTest {
    private static final Path BAD = TestFlows.RESOURCES.resolve("flows/bad");

    static Stream<Arguments> badFlows() {
        return Stream.of(
                Arguments.of("bad-yaml.yml", 10, "invalid YAML"),
                Arguments.of("unknown-intent.yml", 11, "unknown intent 'open_account' for tenant test-bank"),
                Arguments.of("unknown-state.yml", 10, "goes to unknown state 'farewell'"),
                Arguments.of("unreachable-state.yml", 12, "state 'orphan' is unreachable from start state 'menu'"),
                Arguments.of("missing-prompt.yml", 10, "state 'bye' has no prompt"),
                Arguments.of("unknown-slot-type.yml", 11, "unknown slot type 'postcode'"),
                Arguments.of("say-loop.yml", 10, "states one → two → one loop without ever listening"),
                Arguments.of("missing-start.yml", 1, "missing 'start'"),
                Arguments.of("unknown-start.yml", 5, "start state 'welcome' is not defined"),
                Arguments.of("bad-settings.yml", 4, "direction must be inbound or outbound, found 'sideways'"),
                Arguments.of("bad-settings.yml", 7, "max_turns must be a whole number ≥ 1, found '0'"),
                Arguments.of("bad-settings.yml", 8, "no_input_limit must be a whole number ≥ 1, found 'two'"),
                Arguments.of("bad-settings.yml", 9, "min_intent_confidence must be a number from 0 to 1"),
                Arguments.of("bad-settings.yml", 10, "on_max_turns: transfer needs settings.escalation"),
                Arguments.of("no-way-out.yml", 7, "listens but has no way out"),
                Arguments.of("unknown-slot-reference.yml", 10, "{acount} is not a slot of this flow (slots: account)"),
                Arguments.of("voicemail-inbound.yml", 6, "voicemail is only for outbound flows"),
                Arguments.of("unknown-tenant.yml", 2, "no intent file for tenant 'nobody'"),
                Arguments.of("unknown-key.yml", 10, "unknown key 'timeout' in state 'menu'"),
                Arguments.of("slot-constraints.yml", 9, "'length' does not apply to a date slot"),
                Arguments.of("slot-constraints.yml", 11, "branches on yes/no but its slot 'day' is a date"));
    }

    @ParameterizedTest(name = "{0}:{1}")
    @MethodSource("badFlows")
    void reportedAtItsLine(String file, int line, String message) throws IOException {
        Path path = BAD.resolve(file);
        FlowLoad load = FlowFiles.load(path, TestFlows.catalog());
        assertNull(load.flow(), "an invalid flow is never returned");
        List<String> printed = load.errors().stream().map(ValidationError::toString).toList();
        String expected = path + ":" + line + ": ";
        assertTrue(printed.stream().anyMatch(e -> e.startsWith(expected) && e.contains(message)),
                () -> "expected " + expected + "…" + message + " in " + printed);
    }

    @Test
    void everyBadFixtureIsCovered() throws IOException {
        List<String> tested = badFlows().map(a -> (String) a.get()[0]).distinct().sorted().toList();
        List<String> present = FlowFiles.flowFiles(BAD).stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(present, tested);
    }

    @Test
    void withoutIntentFilesIntentNamesGoUnchecked() throws IOException {
        FlowLoad load = FlowFiles.load(BAD.resolve("unknown-intent.yml"), IntentCatalog.unchecked());
        assertTrue(load.valid(), () -> load.errors().toString());
        assertTrue(load.flow().faqAnswer("opening_hours").isEmpty());
    }

    @Test
    void aValidFlowHasNoErrorsAndAStableVersion() throws IOException {
        FlowLoad a = FlowFiles.load(TestFlows.RESOURCES.resolve("flows/engine.yml"), TestFlows.catalog());
        FlowLoad b = FlowFiles.load(TestFlows.RESOURCES.resolve("flows/engine.yml"), TestFlows.catalog());
        assertEquals(List.of(), a.errors());
        assertEquals(a.flow().version(), b.flow().version());
        assertEquals(12, a.flow().version().length());
        assertEquals("We block lost cards at once.", a.flow().faqAnswer("report_lost_card").orElseThrow());
    }

    @Test
    void allErrorsOfAFileComeInLineOrder() throws IOException {
        List<ValidationError> errors = FlowFiles.load(BAD.resolve("bad-settings.yml"), TestFlows.catalog()).errors();
        assertEquals(5, errors.size(), errors.toString());
        assertFalse(errors.isEmpty());
        for (int i = 1; i < errors.size(); i++) assertTrue(errors.get(i - 1).line() <= errors.get(i).line());
    }
}
