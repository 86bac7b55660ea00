package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.NgramFeaturizer;
import io.callsight.nlp.insights.VariantStats;
import io.callsight.search.query.ModelUsageQueries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callsight models ...} on a temporary models dir. */
class ModelsCommandTest {
    @TempDir
    Path models;

    /** A one-word model: "cancel" → {@code label}, anything else out of scope. */
    private void version(String label) throws Exception {
        FeatureConfig words = new FeatureConfig(1, 2, 1, 0, false, 256);
        int buckets = 1 << 12;
        int bucket = NgramFeaturizer.bucket(new NgramFeaturizer(words).features("cancel")[0], buckets);
        HashedBagModel m = new HashedBagModel(List.of(label, "other"), words, buckets, new int[] {bucket}, 2,
                new float[] {1, 0}, new float[] {10, 0, 0, 10}, new float[2]);
        m.setCalibration(1, 0.6);
        ModelStore store = new ModelStore(models);
        Path dir = store.nextVersion("acme", "intents");
        m.save(dir);
        String v = dir.getFileName().toString();
        ModelStore.writeManifest(dir, new Manifest("acme", "intents", v, "en", "h", "2026-01-01T00:00:00Z",
                HashedBagModel.KIND, Map.of(), Map.of("validation", Map.of("accuracy", 0.9))));
        store.setCurrent("acme", "intents", v);
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // created after System.setOut: picocli's default writers wrap System.out as it is now
            CommandLine cli = Callsight.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            System.out.flush();
            return new Run(code, printed.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private String release() throws Exception {
        return new ModelStore(models).release("acme", "intents").toString();
    }

    @Test
    void releasePromoteRollbackSwitchVersions() throws Exception {
        version("cancel_service");
        version("churn_risk");
        String m = models.toString();
        run("models", "rollback", "--models", m, "--tenant", "acme");
        assertEquals("v1", new ModelStore(models).release("acme", "intents").current(), release());

        Run r = run("models", "release", "--models", m, "--tenant", "acme", "--candidate", "v2", "--share", "0.2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("acme/intents: current v1, candidate v2 for 20% of calls"), r.out());

        Run list = run("models", "list", "--models", m);
        assertTrue(list.out().contains("acme/intents: current v1, candidate v2"), list.out());
        assertTrue(list.out().matches("(?s).*v2\\s+candidate.*accuracy=0.9.*"), list.out());

        Files.writeString(models.resolve("calls.txt"), "i want to cancel\nhello there\ncancel it now\n");
        Run report = run("models", "report", "--models", m, "--tenant", "acme", "--data", models.resolve("calls.txt").toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("current    v1                3"), report.out());
        assertTrue(report.out().contains("candidate  v2                3"), report.out());
        assertTrue(report.out().contains("33.3%"), "one of three utterances has no intent: " + report.out());

        Run promote = run("models", "promote", "--models", m, "--tenant", "acme");
        assertTrue(promote.out().contains("current v2, previous v1"), promote.out());
        assertEquals("v2", Files.readString(models.resolve("acme/intents/CURRENT")).trim());

        Run back = run("models", "rollback", "--models", m, "--tenant", "acme");
        assertTrue(back.out().contains("current v1"), back.out());

        Run auto = run("models", "release", "--models", m, "--tenant", "acme", "--auto-candidate", "0.05");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.out().contains("new versions start as candidate for 5% of calls"), auto.out());
        version("cancel_request"); // training writes v3 and asks for it to become current
        assertTrue(release().contains("current=v1, candidate=v3, candidateShare=0.05"), release());
        Run half = run("models", "release", "--models", m, "--tenant", "acme", "--candidate", "v3");
        assertTrue(half.err().contains("--candidate and --share go together"), half.err());
    }

    @Test
    void badInputGetsOneClearLineAndAnErrorCode() throws Exception {
        String m = models.toString();
        Run unknown = run("models", "promote", "--models", m, "--tenant", "nobody");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("unknown tenant 'nobody'"), unknown.err());
        version("cancel_service");
        Run missing = run("models", "release", "--models", m, "--tenant", "acme", "--candidate", "v7", "--share", "0.1");
        assertTrue(missing.err().contains("no intents model version 'v7' for tenant acme (have v1)"), missing.err());
        Run task = run("models", "promote", "--models", m, "--tenant", "acme", "--task", "topics");
        assertTrue(task.err().contains("--task must be intents or sentiment"), task.err());
        Run noModel = run("models", "report", "--models", m, "--tenant", "acme", "--task", "sentiment",
                "--data", models.resolve("x.txt").toString());
        assertTrue(noModel.err().contains("has no sentiment model"), noModel.err());
    }

    @Test
    void everyModelsCommandHasHelp() {
        for (String sub : new String[] {"list", "release", "promote", "rollback", "report"}) {
            Run r = run("models", sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage: callsight models " + sub), r.out());
        }
    }

    @Test
    void liveNumbersComeFromTheVariantAggregation() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"aggregations": {"variant": {"buckets": [
                  {"key": "current", "doc_count": 90, "model": {"buckets": [
                    {"key": "v1", "doc_count": 90, "confidence": {"value": 0.71}, "matched": {"doc_count": 81}}]}},
                  {"key": "candidate", "doc_count": 10, "model": {"buckets": [
                    {"key": "v2", "doc_count": 10, "confidence": {"value": 0.8}, "matched": {"doc_count": 9},
                     "routed": {"doc_count": 10}, "escalated": {"doc_count": 3}}]}}]}}}
                """);
        List<VariantStats> stats = ModelsCommand.live(ModelUsageQueries.parseIntents(json));
        assertEquals(2, stats.size());
        assertEquals(new VariantStats("current", "v1", 90, 0.71, 0.1, Double.NaN).toString(), stats.get(0).toString());
        assertEquals("candidate", stats.get(1).variant());
        assertEquals(0.1, stats.get(1).noMatchRate(), 1e-9);
        assertTrue(Double.isNaN(stats.get(0).sentToEncoder()), "not a cascade");
        assertEquals(0.3, stats.get(1).sentToEncoder(), 1e-9, "the candidate is a cascade: 3 of 10 went to its encoder");
        assertTrue(stats.get(1).row().endsWith("30.0%"), stats.get(1).row());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(ModelUsageQueries.intentsBody("acme", java.time.Duration.ofHours(1)));
    }

    @Test
    void liveSentimentNumbersComeFromTheSentimentModelAggregation() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"aggregations": {"model": {"buckets": [
                  {"key": "v1", "doc_count": 80, "positive": {"sum": {"value": 20.0}}, "negative": {"sum": {"value": -13.6}},
                   "neutral": {"doc_count": 20}},
                  {"key": "v2", "doc_count": 20, "positive": {"sum": {"value": 6.0}}, "negative": {"sum": {"value": -5.0}},
                   "neutral": {"doc_count": 2}},
                  {"key": "_shared/sentiment-en/v1", "doc_count": 5, "positive": {"sum": {"value": 0}},
                   "negative": {"sum": {"value": 0}}, "neutral": {"doc_count": 5}}]}}}
                """);
        List<VariantStats> stats = ModelsCommand.live(ModelUsageQueries.parseSentiment(json, "v2"));
        assertEquals(new VariantStats("current", "v1", 80, 0.42, 0.25, Double.NaN).row(), stats.get(0).row());
        assertEquals(new VariantStats("candidate", "v2", 20, 0.55, 0.1, Double.NaN).row(), stats.get(1).row());
        assertEquals("shared", stats.get(2).variant());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(ModelUsageQueries.sentimentBody("acme", null));
    }
}
