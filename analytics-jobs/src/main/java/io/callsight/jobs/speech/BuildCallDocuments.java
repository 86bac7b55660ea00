package io.callsight.jobs.speech;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by call id: folds call events and finished tracks into the call document and emits the new version
 * after every change (indexed under the call id, so each version replaces the last). State is dropped a
 * while after the call completes.
 */
public final class BuildCallDocuments extends KeyedProcessFunction<String, CallUpdate, CallDocument> {
    private static final long serialVersionUID = 1L;

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
