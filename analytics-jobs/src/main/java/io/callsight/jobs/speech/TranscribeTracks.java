package io.callsight.jobs.speech;

import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.PartialThrottle;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.recognition.TrackTranscriber;
import io.callsight.asr.vad.SpeechSegment;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.SpeechSegmentEvent;
import io.callsight.events.Utterance;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by call track: one streaming recognizer per live track. Recognizers hold native memory and cannot be
 * checkpointed, so they live in a plain map on the subtask and are closed when their track ends, when the
 * track has been idle too long (a caller that vanished without an end marker), and when the operator closes.
 * <p>Besides the finals, the main output carries each track's partial hypotheses ({@code isFinal == false}): after
 * every frame, if the text changed and the last partial is at least {@code partialIntervalMs} old (processing
 * time), so a live view sees words as they are spoken. They share the stream with the finals so that, per track,
 * every partial comes before the final that replaces it. Downstream only the transcripts topic takes them.
 */
public final class TranscribeTracks extends KeyedProcessFunction<String, AudioFrame, Utterance> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TranscribeTracks.class);

    public static final OutputTag<TrackSummary> TRACK_SUMMARIES = new OutputTag<>("track-summaries") {
    };

    /** Each track's speech segments as the voice activity detector closes them. */
    public static final OutputTag<SpeechSegmentEvent> SPEECH_SEGMENTS = new OutputTag<>("speech-segments") {
    };

    /** Creates the recognizer on the task manager; Flink ships the factory, not the model. */
    public interface RecognizerFactory extends Supplier<SpeechRecognizer>, Serializable {
    }

    private final RecognizerFactory recognizerFactory;
    private final FrontEndConfig frontEnd;
    private final long idleTimeoutMs;
    private final long partialIntervalMs;

    private transient SpeechRecognizer recognizer;
    private transient Map<String, LiveTrack> live;
    private transient ValueState<TrackProgress> progress;

    public TranscribeTracks(RecognizerFactory recognizerFactory, long idleTimeoutMs) {
        this(recognizerFactory, FrontEndConfig.defaults(), idleTimeoutMs);
    }

    public TranscribeTracks(RecognizerFactory recognizerFactory, FrontEndConfig frontEnd, long idleTimeoutMs) {
        this(recognizerFactory, frontEnd, idleTimeoutMs, PartialThrottle.DEFAULT_INTERVAL_MS);
    }

    /** {@code partialIntervalMs}: least time between two partials of a track; 0 publishes none. */
    public TranscribeTracks(RecognizerFactory recognizerFactory, FrontEndConfig frontEnd, long idleTimeoutMs,
            long partialIntervalMs) {
        if (partialIntervalMs < 0) {
            throw new IllegalArgumentException("partial interval must not be negative, got " + partialIntervalMs);
        }
        this.recognizerFactory = recognizerFactory;
        this.frontEnd = frontEnd;
        this.idleTimeoutMs = idleTimeoutMs;
        this.partialIntervalMs = partialIntervalMs;
    }

    @Override
    public void open(OpenContext openContext) {
        recognizer = recognizerFactory.get();
        live = new HashMap<>();
        progress = getRuntimeContext().getState(new ValueStateDescriptor<>("progress", TrackProgress.class));
    }

    @Override
    public void processElement(AudioFrame frame, Context ctx, Collector<Utterance> out) throws IOException {
        String key = ctx.getCurrentKey();
        LiveTrack track = live.get(key);
        if (track == null) {
            TrackProgress resumed = progress.value(); // non-null only after a restore in the middle of the track
            TrackProgress from = resumed != null ? resumed : new TrackProgress();
            track = new LiveTrack(new TrackTranscriber(recognizer, frame.tenant(), frame.callId(), frame.track(),
                    frontEnd, from.nextIndex, partialIntervalMs == 0 ? PartialThrottle.off()
                            : new PartialThrottle(partialIntervalMs)), from.words);
            live.put(key, track);
        }
        long now = ctx.timerService().currentProcessingTime();
        track.lastFrameAt = now;
        try {
            if (emit(track, track.transcriber.accept(frame), out)) {
                progress.update(new TrackProgress(track.transcriber.utteranceCount(), track.words));
            }
            if (!frame.endOfTrack()) {
                track.transcriber.partial(now).ifPresent(out::collect);
            }
            emitSegments(track.transcriber, ctx);
        } catch (RuntimeException e) {
            // One broken track must not stop the others: park the frame, end this track.
            LOG.warn("track {} failed at frame {}: {}", frame.trackKey(), frame.seq(), e.getMessage());
            ctx.output(DeadLetters.TAG, DeadLetters.of("transcribe", frame.trackKey(), e.getMessage(),
                    AudioFrameCodec.encode(frame)));
            end(key, track, false, ctx, out);
            return;
        }
        if (frame.endOfTrack()) {
            end(key, track, true, ctx, out);
        } else {
            // rounded up to the second: Flink keeps one timer per key and time, so a live track's 50 frames a second
            // add one timer, not fifty (each would sit in the timer heap for the whole idle timeout)
            ctx.timerService().registerProcessingTimeTimer(((now + idleTimeoutMs) / 1000 + 1) * 1000);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Utterance> out) throws IOException {
        String key = ctx.getCurrentKey();
        LiveTrack track = live.get(key);
        if (track != null && timestamp - track.lastFrameAt >= idleTimeoutMs) {
            LOG.warn("track {} idle for {} ms without an end marker: closing it",
                    AudioFrame.trackKey(track.transcriber.callId(), track.transcriber.track()), idleTimeoutMs);
            emit(track, track.transcriber.finish(), out);
            emitSegments(track.transcriber, ctx);
            end(key, track, false, ctx, out);
        }
    }

    private void end(String key, LiveTrack track, boolean completed, Context ctx, Collector<Utterance> out) {
        live.remove(key);
        progress.clear();
        TrackTranscriber t = track.transcriber;
        t.close();
        ctx.output(TRACK_SUMMARIES, new TrackSummary(t.tenant(), t.callId(), t.track(), t.utteranceCount(),
                track.words, t.audioMs(), completed));
    }

    private static void emitSegments(TrackTranscriber t, Context ctx) {
        for (SpeechSegment s : t.drainSpeechSegments()) {
            ctx.output(SPEECH_SEGMENTS, new SpeechSegmentEvent(t.tenant(), t.callId(), t.track(), s.startMs(), s.endMs()));
        }
    }

    private static boolean emit(LiveTrack track, List<Utterance> utterances, Collector<Utterance> out) {
        for (Utterance u : utterances) {
            track.words += u.words().size();
            out.collect(u);
        }
        return !utterances.isEmpty();
    }

    @Override
    public void close() {
        if (live != null) {
            live.values().forEach(t -> t.transcriber.close());
            live.clear();
        }
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static final class LiveTrack {
        final TrackTranscriber transcriber;
        long lastFrameAt;
        int words;

        LiveTrack(TrackTranscriber transcriber, int words) {
            this.transcriber = transcriber;
            this.words = words;
        }
    }
}
