package io.callsight.jobs.speech;

import io.callsight.events.JsonCodec;
import io.callsight.events.Utterance;
import io.callsight.nlp.insights.Analysis;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.nlp.insights.RedactedUtterance;
import io.callsight.nlp.insights.UtteranceAnalyzer;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NLU on every final utterance: redacts it per the tenant's policy and attaches an insight (intent, sentiment,
 * entities, keywords). The tenant models live in a {@link ModelRegistry} shared by all instances in the task
 * manager (acquired in {@link #open}, released in {@link #close}) that picks up new model versions by itself.
 * <p>One utterance whose analysis fails goes to the dead letters with the reason, and is still indexed: redacted
 * with every category on, without an insight. Unredacted text never leaves this operator.
 */
public final class AnalyzeUtterances extends ProcessFunction<Utterance, AnalyzedUtterance> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzeUtterances.class);
    private static final JsonCodec<Utterance> JSON = JsonCodec.of(Utterance.class);
    public static final String STAGE = "analyze";

    /** Where the tenant models are and how often to look for new versions; shipped to the task managers. */
    public record Settings(String modelsDir, long refreshMs) implements Serializable {
    }

    private final Settings settings;
    private transient ModelRegistry registry;
    private transient UtteranceAnalyzer analyzer;

    public AnalyzeUtterances(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = ModelRegistry.acquire(Path.of(settings.modelsDir()), settings.refreshMs());
        analyzer = new UtteranceAnalyzer(registry);
    }

    @Override
    public void processElement(Utterance u, Context ctx, Collector<AnalyzedUtterance> out) {
        Analysis analysis;
        try {
            analysis = analyzer.analyze(u.tenant(), u.callId(), u.track(), u.idx(), u.text());
        } catch (RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warn("utterance {} not analyzed: {}", u.id(), reason);
            Utterance safe = RedactedUtterance.failsafe(u);
            ctx.output(DeadLetters.TAG, DeadLetters.of(STAGE, u.callId(), reason, JSON.encode(safe)));
            out.collect(new AnalyzedUtterance(safe, null));
            return;
        }
        out.collect(new AnalyzedUtterance(RedactedUtterance.of(u, analysis.redaction()), analysis.insight()));
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }
}
