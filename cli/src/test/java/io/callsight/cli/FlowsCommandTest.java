package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code callsight flows validate}: exit codes and file:line output on the shipped flows and a bad fixture. */
class FlowsCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("callsight.root", "..")).toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream stdout = System.out, stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream(), errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            picocli.CommandLine cli = Callsight.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, printed.toString(StandardCharsets.UTF_8), err + errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void theShippedFlowsAreValid() {
        Run r = run("flows", "validate", ROOT.resolve("datasets/flows").toString(), "--intents",
                ROOT.resolve("datasets/demo-intents").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("3 flows valid (25 states), intents checked against 3 intent files", r.out().strip());
    }

    @Test
    void problemsArePrintedAsFileLineAndExitWithOne() {
        Path bad = ROOT.resolve("dialog-manager/src/test/resources/flows/bad/unknown-intent.yml");
        Run r = run("flows", "validate", bad.toString(), "--intents", ROOT.resolve("dialog-manager/src/test/resources/intents").toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith(bad + ":11: unknown intent 'open_account' for tenant test-bank"), r.out());
        assertTrue(r.out().strip().endsWith("1 problem"), r.out());
    }

    @Test
    void withoutIntentFilesTheSummarySaysNamesWereNotChecked() {
        Run r = run("flows", "validate", ROOT.resolve("datasets/flows/acme-bank.balance-and-cards.yml").toString());
        assertEquals(0, r.code());
        assertTrue(r.out().contains("intent names not checked"), r.out());
    }

    @Test
    void aMissingFileExitsWithTwo() {
        Run r = run("flows", "validate", "no/such/flow.yml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such/flow.yml: no such file or directory"), r.err());
    }

    @Test
    void helpDescribesBothCommands() {
        Run r = run("flows", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("validate") && r.out().contains("chat"), r.out());
    }
}
