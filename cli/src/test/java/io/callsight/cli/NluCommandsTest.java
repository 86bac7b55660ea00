package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.benchmark.NluBenchmark;
import io.callsight.nlp.eval.EvalRequest;
import io.callsight.nlp.training.BagTrainer;
import io.callsight.nlp.training.ModelKind;
import io.callsight.nlp.training.NluTraining;
import io.callsight.nlp.training.TrainRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callsight train intents|sentiment}, {@code eval} and {@code bench nlu}: what the options turn into. */
class NluCommandsTest {
    private static final Path INTENTS = Path.of("src/test/resources/intents/acme-telecom.en.yml");

    @TempDir
    Path tmp;

    /** The command object picocli filled in for {@code args} (nothing runs). */
    @SuppressWarnings("unchecked")
    private static <T> T parsed(String... args) {
        CommandLine.ParseResult r = Callsight.commandLine().parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return (T) r.commandSpec().userObject();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Callsight.commandLine(); // after System.setOut: picocli's writers wrap it as it is now
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            System.out.flush();
            return new Run(code, printed.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void trainIntentsBuildsTheRequestItsOptionsSay() {
        TrainCommand.Intents cmd = parsed("train", "intents", "--tenant", "t", "--data", "f.yml", "--model", "cascade", "--escalate", "0.1");
        TrainRequest r = cmd.request();
        assertEquals("intents", r.task());
        assertEquals("t", r.tenant());
        assertEquals(Path.of("f.yml"), r.data());
        assertNull(r.corpus());
        assertEquals(Path.of("models"), r.outDir());
        assertEquals(ModelKind.CASCADE, r.model());
        assertEquals(0.1, r.escalate());
        assertNull(r.teacher());
        assertFalse(r.force());
        assertEquals(TrainRequest.BagSettings.TASK_DEFAULTS, r.bag());
    }

    @Test
    void everyBagOptionOverridesTheTasksDefault() {
        TrainCommand.Intents cmd = parsed("train", "intents", "--tenant", "t", "--data", "f.csv", "--out", "elsewhere", "--epochs", "3",
                "--dim", "16", "--lr", "0.02", "--batch", "8", "--embedding-lr", "0", "--members", "2", "--buckets", "4096",
                "--min-count", "3", "--dropout", "0.2", "--nb", "0.3", "--unlabeled", "u.txt", "--teacher", "encoder", "--force");
        TrainRequest r = cmd.request();
        assertEquals(ModelKind.BAG, r.model(), "a teacher teaches the bag: the default kind then");
        assertEquals("encoder", r.teacher());
        assertEquals(Path.of("u.txt"), r.unlabeled());
        assertEquals(Path.of("elsewhere"), r.outDir());
        assertTrue(r.force());
        BagTrainer.Config c = r.bag().applyTo(NluTraining.defaults("intents"));
        assertEquals(List.of(3, 16, 8, 2, 4096, 3), List.of(c.epochs(), c.dim(), c.batch(), c.members(), c.buckets(), c.minCount()));
        assertEquals(List.of(0.02f, 0f, 0.2f, 0.3f), List.of(c.learningRate(), c.embeddingSgdLr(), c.dropout(), c.nbAlpha()));
    }

    @Test
    void withoutOptionsEachTaskKeepsItsOwnDefaults() {
        TrainCommand.Sentiment cmd = parsed("train", "sentiment", "--tenant", "_shared", "--corpus", "en");
        TrainRequest r = cmd.request();
        assertEquals("en", r.corpus());
        assertNull(r.data());
        assertEquals(ModelKind.AUTO, r.model());
        assertEquals(NluTraining.defaults("sentiment"), r.bag().applyTo(NluTraining.defaults("sentiment")));
        assertEquals(5, r.bag().applyTo(NluTraining.defaults("sentiment")).epochs());
        assertEquals(8, r.bag().applyTo(NluTraining.defaults("intents")).epochs());
    }

    @Test
    void aBadEscalationShareFailsBeforeAnythingTrainsAndSaysWhatItTakes() {
        String out = tmp.toString();
        for (String[] bad : List.of(new String[] {"cascade", "2", "(0, 1]"}, new String[] {"cascade", "0", "(0, 1]"},
                new String[] {"cascade", "abc", "not 'abc'"}, new String[] {"encoder", "0.2", "a setting of --model cascade"},
                new String[] {"auto", "0.2", "a setting of --model cascade"})) {
            Run r = run("train", "intents", "--tenant", "acme-telecom", "--data", INTENTS.toString(), "--out", out, "--model", bad[0],
                    "--escalate", bad[1]);
            assertTrue(r.code() != 0, String.join(" ", bad));
            assertTrue(r.err().contains(bad[2]), r.err());
            assertTrue(r.err().contains("e.g. 0.25") || bad[2].contains("setting"), "says what it takes: " + r.err());
        }
        Run noModel = run("train", "intents", "--tenant", "acme-telecom", "--data", INTENTS.toString(), "--out", out, "--escalate", "0.2");
        assertTrue(noModel.err().contains("a setting of --model cascade"), noModel.err());
        assertFalse(Files.exists(tmp.resolve("acme-telecom")), "nothing written");
        TrainCommand.Intents cmd = parsed("train", "intents", "--tenant", "t", "--data", "f.yml", "--model", "cascade", "--escalate", "2");
        assertTrue(assertThrows(IllegalArgumentException.class, cmd::request).getMessage().contains("(0, 1]"));
    }

    @Test
    void missingOrUnknownValuesAreNamed() {
        assertTrue(run("train", "intents", "--data", "f.yml").err().contains("--tenant is required"));
        assertTrue(run("train", "intents", "--tenant", "t").err().contains("--data is required"));
        assertTrue(run("train", "intents", "--tenant", "t", "--data", "f.yml", "--model", "gpt").err()
                .contains("unknown --model gpt (encoder, ensemble, cascade, bag or auto)"));
        assertTrue(run("train", "intents", "--tenant", "t", "--data", "f.yml", "--teacher", "llm").err().contains("unknown --teacher llm"));
        assertTrue(run("train", "intents", "--tenant", "t", "--corpus", "en").err().contains("--corpus"), "sentiment only");
        Run wrongTenant = run("train", "intents", "--tenant", "globex", "--data", INTENTS.toString(), "--out", tmp.toString());
        assertTrue(wrongTenant.err().contains("'acme-telecom', not 'globex'"), wrongTenant.err());
        assertTrue(run("eval", "intents", "--data", "f.csv").err().contains("--tenant is required"));
        assertTrue(run("eval", "intents", "--tenant", "t").err().contains("--data is required"));
    }

    @Test
    void evalAndBenchBuildTheirRequests() {
        EvalCommand eval = parsed("eval", "sentiment-en", "--tenant", "_shared", "--data", "t.tsv", "--report", "r");
        assertEquals(new EvalRequest("sentiment-en", "_shared", Path.of("t.tsv"), Path.of("models"), Path.of("r")), eval.request());
        NluBenchmarkCommand bench = parsed("bench", "nlu", "--only", "sst2,uci", "--no-encoder", "--datasets", "d");
        assertEquals(new NluBenchmark.Options(Path.of("d"), Set.of("sst2", "uci"), false, false), bench.options());
        NluBenchmarkCommand all = parsed("bench", "nlu", "--verbose");
        assertNull(all.options().only());
        assertTrue(all.options().withEncoder() && all.options().verbose());
    }

    @Test
    void helpTexts() {
        for (String[] cmd : List.of(new String[] {"train", "intents"}, new String[] {"train", "sentiment"}, new String[] {"eval"},
                new String[] {"bench", "nlu"})) {
            List<String> args = new java.util.ArrayList<>(List.of(cmd));
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: callsight " + String.join(" ", cmd)), r.out());
        }
        String train = run("train", "intents", "--help").out();
        for (String option : List.of("--tenant", "--data", "--out", "--model", "--escalate", "--epochs", "--dim", "--lr", "--batch",
                "--embedding-lr", "--members", "--buckets", "--min-count", "--dropout", "--nb", "--unlabeled", "--teacher", "--force")) {
            assertTrue(train.contains(option), option + " in\n" + train);
        }
        assertTrue(run("train", "sentiment", "--help").out().contains("--corpus"));
        assertTrue(run("eval").out().contains("eval intents|sentiment"), "no task: the usage");
    }

    /** The whole path on the 3-intent fixture with the bag model (DJL, about a second): train, keep, evaluate. */
    @Test
    void trainsReusesAndEvaluatesATinyModel() throws Exception {
        String[] train = {"train", "intents", "--tenant", "acme-telecom", "--data", INTENTS.toString(), "--out", tmp.toString(),
            "--model", "bag", "--epochs", "30"};
        Run first = run(train);
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(tmp.resolve("acme-telecom/intents/v1/manifest.json")), first.out());
        Run again = run(train);
        assertTrue(again.out().contains("data unchanged"), again.out());
        assertFalse(Files.exists(tmp.resolve("acme-telecom/intents/v2")));

        Run eval = run("eval", "intents", "--tenant", "acme-telecom", "--data", "src/test/resources/intents/acme-telecom-test.csv",
                "--models", tmp.toString(), "--report", tmp.resolve("report").toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("tfidf baseline"), eval.out());
        assertTrue(Files.size(tmp.resolve("report/report.html")) > 0);
        assertTrue(Files.size(tmp.resolve("report/confusion.png")) > 0);
    }
}
