package io.callsight.jobs.speech;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by call id: folds call events and finished tracks into the call document and emits the new version
 * after every change (indexed under the call id, so each version replaces the last). State is kept a day
 * after the call completes, so a re-import within that day also removes utterances the new transcription
 * no longer has.
 */
public final class BuildCallDocuments extends KeyedProcessFunction<String, CallUpdate, CallDocument> {
    private static final long serialVersionUID = 1L;

    /** Utterance documents of an earlier transcription that the current one did not overwrite. */
    public static final OutputTag<String> STALE_UTTERANCES = new OutputTag<>("stale-utterances") {
    };

    private final long retentionMs;
    private transient ValueState<CallDocument> state;

    public BuildCallDocuments(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("call", CallDocument.class));
    }

    @Override
    public void processElement(CallUpdate update, Context ctx, Collector<CallDocument> out) throws Exception {
        CallDocument doc = state.value();
        if (doc == null) {
            doc = new CallDocument();
        }
        if (update.event() != null) {
            doc.apply(update.event());
        } else {
            doc.apply(update.track());
            doc.staleUtteranceIds(update.track()).forEach(id -> ctx.output(STALE_UTTERANCES, id));
        }
        state.update(doc);
        out.collect(doc);
        if (CallDocument.COMPLETED.equals(doc.status) || CallDocument.INCOMPLETE.equals(doc.status)) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + retentionMs);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CallDocument> out) {
        state.clear();
    }
}
