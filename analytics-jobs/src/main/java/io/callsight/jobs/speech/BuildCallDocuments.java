package io.callsight.jobs.speech;

import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.search.schema.CallStatus;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by call id: folds call events, finished tracks and analyzed utterances into the call document and emits
 * the new version after every change that shows (indexed under the call id, so each version replaces the last).
 * Once the call is finished and all its utterances are in, it is checked against the tenant's must-say /
 * must-not-say rules (the models' {@link ModelRegistry}, shared with the NLU operator) and its customer's
 * sentiment is summed up. State is kept a day after
 * the call completes, so a re-import within that day also removes utterances the new transcription no longer has.
 */
public final class BuildCallDocuments extends KeyedProcessFunction<String, CallUpdate, CallDocument> {
    private static final long serialVersionUID = 1L;

    /** Utterance documents of an earlier transcription that the current one did not overwrite. */
    public static final OutputTag<String> STALE_UTTERANCES = new OutputTag<>("stale-utterances") {
    };

    private static final Logger LOG = LoggerFactory.getLogger(BuildCallDocuments.class);

    private final long retentionMs;
    private final AnalyzeUtterances.Settings models;
    private transient ValueState<CallDocument> state;
    private transient ModelRegistry registry;

    public BuildCallDocuments(long retentionMs, AnalyzeUtterances.Settings models) {
        this.retentionMs = retentionMs;
        this.models = models;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("call", CallDocument.class));
        registry = ModelRegistry.acquire(Path.of(models.modelsDir()), models.refreshMs());
    }

    @Override
    public void processElement(CallUpdate update, Context ctx, Collector<CallDocument> out) throws Exception {
        CallDocument doc = state.value();
        if (doc == null) {
            doc = new CallDocument();
        }
        boolean changed = true;
        if (update.event() != null) {
            doc.apply(update.event());
        } else if (update.track() != null) {
            doc.apply(update.track());
        } else {
            doc.apply(SpokenLine.of(update.utterance(), update.sentiment()));
            changed = false; // a line alone changes nothing indexed
        }
        doc.drainStaleUtteranceIds().forEach(id -> ctx.output(STALE_UTTERANCES, id));
        if (!doc.analyzed && doc.readyForAnalysis()) {
            changed |= analyze(doc);
        }
        state.update(doc);
        if (changed) {
            out.collect(doc);
        }
        if (CallStatus.COMPLETED.equals(doc.status) || CallStatus.INCOMPLETE.equals(doc.status)) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + retentionMs);
        }
    }

    /**
     * Compliance verdict and sentiment summary of a finished call; true when either was made. A tenant without
     * rules gets no verdict, one whose rules cannot be loaded none either (logged), never a failure. The lines are
     * dropped either way: every line of this transcription is in, so any line held from now on belongs to the next.
     */
    private boolean analyze(CallDocument doc) {
        List<SpokenLine> lines = doc.linesInCallOrder();
        CallSentiment summary = CallSentiment.of(lines);
        CallCompliance verdict = null;
        try {
            verdict = CallCompliance.evaluate(registry.tenant(doc.tenant), lines);
        } catch (RuntimeException e) {
            LOG.warn("call {}: compliance not checked: {}", doc.callId, e.getMessage());
        }
        doc.analyzed(verdict, summary);
        return verdict != null || summary != null;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CallDocument> out) {
        state.clear();
    }
}
