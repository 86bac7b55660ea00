package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code callsight bench dial}: its options (the benchmark itself is run by hand, it starts MaryTTS). */
class DialStatusBenchmarkCommandTest {
    private static String[] run(String... args) {
        CommandLine cli = Callsight.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void helpListsTheOptions() {
        String[] r = run("bench", "dial", "--help");
        assertEquals("0", r[0], r[2]);
        for (String option : List.of("--cases", "--seed", "--snrs", "--answer-signal", "--no-hard")) {
            assertTrue(r[1].contains(option), option + " missing from:\n" + r[1]);
        }
        assertTrue(run("bench", "--help")[1].contains("dial"), "bench lists dial");
    }

    @Test
    void snrsParseNumbersAndClean() {
        DialStatusBenchmarkCommand command = new DialStatusBenchmarkCommand();
        new CommandLine(command).parseArgs("--snrs", "30,clean, 7.5");
        assertEquals(List.of(30.0, Double.POSITIVE_INFINITY, 7.5), command.parseSnrs());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals("2", run("bench", "dial", "--cases", "3")[0]);
        String[] r = run("bench", "dial", "--snrs", "loud");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not a number of dB"), r[2]);
    }
}
