package io.callsight.jobs.speech;

import io.callsight.events.AudioFrame;
import io.callsight.events.JsonCodec;
import io.callsight.events.Utterance;
import io.callsight.nlp.insights.Analysis;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.nlp.insights.RedactedUtterance;
import io.callsight.nlp.insights.UtteranceAnalyzer;
import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.redaction.TrackTail;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NLU on every final utterance: redacts it per the tenant's policy and attaches an insight (intent, sentiment,
 * entities, keywords). The tenant models live in a {@link ModelRegistry} shared by all instances in the task
 * manager (acquired in {@link #open}, released in {@link #close}) that picks up new model versions by itself.
 * <p>One utterance whose analysis fails goes to the dead letters with the reason, and is still indexed: redacted
 * with every category on, without an insight. Unredacted text never leaves this operator.
 * <p>Keyed by call track ({@link #trackKey}): the end of each track's last utterance ({@link TrackTail}) is kept in
 * state, so a personal number a pause split across two utterances is removed from the second one. And the first
 * one is not published before the second is heard: an utterance that {@link Redactor#awaitsNext ends open} (with
 * number words its redaction left in: "it's five four") is held until the track's next utterance, or for at most
 * {@link #HOLD_MS} when none comes, then redacted knowing what followed. Only such utterances wait; the others go
 * on at once. Tail and held utterance are recognized, unredacted words, so they live only in this operator's
 * state, are replaced by every utterance, and expire with {@link #TAIL_TTL}.
 * <p>A partial ({@code isFinal == false}) is only redacted, with the tenant's policy and the track's tail (which
 * it leaves as it is), and goes on at once without an insight: intents, sentiment, keywords and compliance are
 * decided on finals. Its text may go on, so a read-out at its end is removed however short
 * ({@link Redactor#redact(String, TrackTail)}). It does not release a held final: only the next final can say
 * what the held one's number was. If its redaction fails it is redacted with every category on; the final reports
 * the failure.
 */
public final class AnalyzeUtterances extends KeyedProcessFunction<String, Utterance, AnalyzedUtterance> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzeUtterances.class);
    private static final JsonCodec<Utterance> JSON = JsonCodec.of(Utterance.class);
    public static final String STAGE = "analyze";
    /** Far longer than {@link TrackTail#MAX_PAUSE_MS}: only there so that ended calls leave no state behind. */
    static final Duration TAIL_TTL = Duration.ofMinutes(10);
    /**
     * Longest wait, in processing time, for the next utterance of a track that may finish a number. A caller
     * reading a number pauses for a second or two; the track's next utterance usually comes sooner.
     */
    static final long HOLD_MS = TrackTail.MAX_PAUSE_MS;
    /** The event time only the end of a bounded input reaches. */
    private static final long END_OF_INPUT = Long.MAX_VALUE - 1;

    /** Where the tenant models are and how often to look for new versions; shipped to the task managers. */
    public record Settings(String modelsDir, long refreshMs) implements Serializable {
    }

    private final Settings settings;
    private transient ModelRegistry registry;
    private transient UtteranceAnalyzer analyzer;
    private transient ValueState<TrackTail> tails;
    private transient ValueState<HeldUtterance> held;

    /**
     * An utterance waiting for the track's next one: its record (JSON: state Flink serializes without Kryo), the
     * tail it followed, and when it is released without a successor.
     */
    public record HeldUtterance(String utteranceJson, TrackTail previous, long releaseAt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public AnalyzeUtterances(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        registry = ModelRegistry.acquire(Path.of(settings.modelsDir()), settings.refreshMs());
        analyzer = new UtteranceAnalyzer(registry);
        ValueStateDescriptor<TrackTail> tail = new ValueStateDescriptor<>("track-tail", TrackTail.class);
        tail.enableTimeToLive(StateTtlConfig.newBuilder(TAIL_TTL).build());
        tails = getRuntimeContext().getState(tail);
        ValueStateDescriptor<HeldUtterance> waiting = new ValueStateDescriptor<>("held-utterance", HeldUtterance.class);
        waiting.enableTimeToLive(StateTtlConfig.newBuilder(TAIL_TTL).build());
        held = getRuntimeContext().getState(waiting);
    }

    /** The key this operator needs: one call track, as the transcription keys its audio. */
    public static String trackKey(Utterance u) {
        return AudioFrame.trackKey(u.callId(), u.track());
    }

    @Override
    public void processElement(Utterance u, Context ctx, Collector<AnalyzedUtterance> out) throws IOException {
        TrackTail stored = tails.value();
        TrackTail previous = stored == null ? TrackTail.NONE : stored.continuedAt(u.startMs());
        if (!u.isFinal()) {
            out.collect(new AnalyzedUtterance(redactPartial(u, previous), null));
            return;
        }
        HeldUtterance waiting = held.value();
        if (waiting != null) {
            // this utterance may finish the held one's number: it is heard now, so the held one can go
            held.clear();
            ctx.timerService().deleteProcessingTimeTimer(waiting.releaseAt());
            ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
            Utterance before = JSON.decode(waiting.utteranceJson().getBytes(StandardCharsets.UTF_8));
            boolean continues = previous != TrackTail.NONE;
            analyze(before, waiting.previous(), continues ? u.text() : "", ctx, out);
        }
        tails.update(TrackTail.of(u.text(), u.endMs()));
        Analysis now;
        try {
            now = analyzer.analyze(u.tenant(), u.callId(), u.track(), u.idx(), u.text(), previous);
        } catch (RuntimeException e) {
            failed(u, e, ctx, out);
            return;
        }
        if (Redactor.awaitsNext(u.text(), now.redaction())) {
            long releaseAt = ctx.timerService().currentProcessingTime() + HOLD_MS;
            held.update(new HeldUtterance(new String(JSON.encode(u), StandardCharsets.UTF_8), previous, releaseAt));
            ctx.timerService().registerProcessingTimeTimer(releaseAt);
            // a bounded run (a test, a backfill) ends without firing processing-time timers; its last watermark does
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
            return;
        }
        out.collect(new AnalyzedUtterance(RedactedUtterance.of(u, now.redaction()), now.insight()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnalyzedUtterance> out) throws IOException {
        HeldUtterance waiting = held.value();
        if (waiting == null || timestamp != END_OF_INPUT && waiting.releaseAt() != timestamp) return;
        held.clear();
        analyze(JSON.decode(waiting.utteranceJson().getBytes(StandardCharsets.UTF_8)), waiting.previous(), "", ctx, out);
    }

    /** {@code following}: the track's next utterance when it continues this one, "" when nothing did. */
    private void analyze(Utterance u, TrackTail previous, String following, Context ctx, Collector<AnalyzedUtterance> out) {
        Analysis analysis;
        try {
            analysis = analyzer.analyze(u.tenant(), u.callId(), u.track(), u.idx(), u.text(), previous, following);
        } catch (RuntimeException e) {
            failed(u, e, ctx, out);
            return;
        }
        out.collect(new AnalyzedUtterance(RedactedUtterance.of(u, analysis.redaction()), analysis.insight()));
    }

    /** Still indexed, redacted with every category on, without an insight; the reason goes to the dead letters. */
    private static void failed(Utterance u, RuntimeException e, Context ctx, Collector<AnalyzedUtterance> out) {
        String reason = e.getMessage() != null ? e.getMessage() : e.toString();
        LOG.warn("utterance {} not analyzed: {}", u.id(), reason);
        Utterance safe = RedactedUtterance.failsafe(u);
        ctx.output(DeadLetters.TAG, DeadLetters.of(STAGE, u.callId(), reason, JSON.encode(safe)));
        out.collect(new AnalyzedUtterance(safe, null));
    }

    private Utterance redactPartial(Utterance u, TrackTail previous) {
        try {
            return RedactedUtterance.of(u, registry.tenant(u.tenant()).redactor().redact(u.text(), previous));
        } catch (RuntimeException e) {
            return RedactedUtterance.failsafe(u);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }
}
