package io.callsight.dialog.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.config.ValidationError;
import io.callsight.dialog.testing.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded generated input for the flow reader: valid flows mutated character- and line-wise, and flows assembled
 * from the format's own keys with values of the wrong kind. Whatever comes in, the reader returns a flow or
 * errors with a line, never an exception. The seed is in every failure message, so a failure replays.
 */
class FlowParserFuzzTest {
    private static final long SEED = 0x5EED_F10EL;
    private static final int CASES = 3000;
    private static final String[] JUNK = {":", ": ", "-", "- ", "{", "}", "[", "]", "\"", "'", "\t", "&a ", "*a", "!!int ",
            "!!binary ", "? ", "\n  ", "\n", "#", "|", ">", "%YAML 1.1\n", "---\n", "...", "~", "null", "{x}", "{", "é", "中",
            "\u0000", "\uFEFF", "0x1F", "1e400", "-1", "99999999999", "yes", "no", "on", ".inf"};
    private static final String[] KEYS = {"flow", "tenant", "language", "direction", "start", "settings", "states",
            "voicemail", "prompt", "reprompt", "say", "confirm", "invalid", "on", "keys", "faq", "slot", "next", "transfer",
            "hangup", "barge_in", "name", "type", "length", "min", "max", "range", "earliest", "latest", "queue", "reason",
            "outcome", "yes", "no", "max_turns", "no_input_limit", "min_intent_confidence", "escalation", "on_max_turns"};
    private static final String[] VALUES = {"menu", "bye", "digits", "date", "time", "yes_no", "number", "completed", "failed",
            "inbound", "outbound", "0", "-3", "1.5", "abc", "true", "false", "\"09:00\"", "25:99", "[]", "{}", "[a, b]",
            "{yes: menu, no: bye}", "{queue: q}", "Hello {slot}.", "", "~", "test-bank"};

    private final IntentCatalog catalog = TestFlows.catalog();

    private void check(String content, long seed, int n) {
        FlowLoad load = assertDoesNotThrow(() -> FlowFiles.parse("fuzz.yml", content, catalog),
                () -> "seed " + seed + " case " + n + " threw on:\n" + content);
        if (load.flow() == null) assertFalse(load.errors().isEmpty(), "seed " + seed + " case " + n + ": no flow and no error");
        for (ValidationError e : load.errors()) {
            assertEquals("fuzz.yml", e.file());
            assertTrue(e.line() >= 1, () -> "seed " + seed + " case " + n + ": line " + e.line() + " in " + e);
        }
    }

    @Test
    void mutatedValidFlowsGiveErrorsNotExceptions() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (var f : FlowFiles.flowFiles(TestFlows.ROOT.resolve("datasets/flows"))) seeds.add(Files.readString(f));
        seeds.add(Files.readString(TestFlows.RESOURCES.resolve("flows/engine.yml")));
        Random random = new Random(SEED);
        for (int n = 0; n < CASES; n++) {
            String base = seeds.get(random.nextInt(seeds.size()));
            check(mutate(base, random), SEED, n);
        }
    }

    @Test
    void assembledFlowsOfTheFormatsOwnKeysGiveErrorsNotExceptions() {
        Random random = new Random(SEED + 1);
        for (int n = 0; n < CASES; n++) check(assemble(random, 0), SEED + 1, n);
    }

    private static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.insert(at, JUNK[r.nextInt(JUNK.length)]);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(40)));
                case 2 -> b.setCharAt(at, (char) (32 + r.nextInt(95)));
                case 3 -> {
                    // repeat a line: duplicate keys, duplicated states
                    int start = b.lastIndexOf("\n", at) + 1, end = b.indexOf("\n", at);
                    if (end > start) b.insert(start, b.substring(start, end) + "\n");
                }
                default -> {
                    // shift a line's indentation: the commonest hand-editing slip
                    int start = b.lastIndexOf("\n", at) + 1;
                    if (r.nextBoolean()) b.insert(start, "  ");
                    else if (b.length() > start + 1 && b.charAt(start) == ' ') b.delete(start, start + 1);
                }
            }
        }
        return b.toString();
    }

    /** A mapping of random keys from the format with random values or nested mappings, as YAML text. */
    private static String assemble(Random r, int depth) {
        StringBuilder b = new StringBuilder();
        String indent = "  ".repeat(depth);
        int keys = 1 + r.nextInt(depth == 0 ? 9 : 4);
        for (int i = 0; i < keys; i++) {
            b.append(indent).append(KEYS[r.nextInt(KEYS.length)]).append(':');
            if (depth < 3 && r.nextInt(3) == 0) {
                b.append('\n').append(assemble(r, depth + 1));
            } else if (r.nextInt(6) == 0) {
                b.append('\n').append(indent).append("  - ").append(VALUES[r.nextInt(VALUES.length)]).append('\n');
            } else {
                b.append(' ').append(VALUES[r.nextInt(VALUES.length)]).append('\n');
            }
        }
        return b.toString();
    }
}
