package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callsight redact} on stdin lines, with the default policy and a tenant's. */
class RedactCommandTest {
    @TempDir
    Path models;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cli = Callsight.commandLine();
            StringWriter out = new StringWriter(), err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void linesComeOutRedactedWithTheDefaultPolicy() {
        Run r = run("my policy number is for four seven one zero nine to sixty eight\n"
                + "i was born on the third of march nineteen eighty four\n"
                + "i paid two hundred dollars at four thirty\n", "redact");
        assertEquals(0, r.code(), r.err());
        assertEquals("my policy number is [DIGITS]\ni was born on [DOB]\ni paid two hundred dollars at four thirty\n",
                r.out().replace("\r\n", "\n"));
    }

    @Test
    void consecutiveLinesAreOneTrackAndAnEmptyLineStartsAnother() {
        Run r = run("yeah it's four seven\none zero nine two thanks\n\none zero nine two thanks\n", "redact", "--spans");
        assertEquals(0, r.code(), r.err());
        assertEquals("yeah it's [DIGITS]\n  digit_run: four seven\n[DIGITS] thanks\n  digit_run: one zero nine two\n\n"
                        + "one zero nine two thanks\n",
                r.out().replace("\r\n", "\n"));
    }

    @Test
    void theTenantsPolicyDecides() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/tenant.yaml"), "redact: [card]\n");
        Run r = run("card 4111 1111 1111 1111 born on march third nineteen eighty four\n",
                "redact", "--models", models.toString(), "--tenant", "acme");
        assertEquals(0, r.code(), r.err());
        assertEquals("card [CARD] born on march third nineteen eighty four\n", r.out().replace("\r\n", "\n"));
    }

    @Test
    void anUnknownTenantIsAnError() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), "keyword_groups: {}\n");
        Run r = run("hello\n", "redact", "--models", models.toString(), "--tenant", "acne");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("unknown tenant 'acne'") && r.err().contains("tenants: acme"), r.err());
        assertEquals("", r.out());
        assertNotEquals(0, run("hello\n", "redact", "--models", models.toString(), "--tenant", "../acme").code());
    }

    @Test
    void aBrokenTenantFileIsAnErrorNamingTheLine() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/tenant.yaml"), "redact: [card, shoe]\n");
        Run r = run("hello\n", "redact", "--models", models.toString(), "--tenant", "acme");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("tenant.yaml:1"), r.err());
    }
}
