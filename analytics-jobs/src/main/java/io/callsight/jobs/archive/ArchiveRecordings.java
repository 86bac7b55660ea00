package io.callsight.jobs.archive;

import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.RecordingArchive;
import io.callsight.archive.RecordingKey;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.DeadLetter;
import io.callsight.events.RecordingArchived;
import io.callsight.jobs.speech.DeadLetters;
import io.callsight.tenants.crypto.UnknownKeyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each call's frames until the call is over, then writes its dual-track recording to the encrypted archive.
 * Over means: the ENDED event is here and every track it names has sent its last frame, or, after ENDED, no frame of
 * the call arrived for the grace period (a track that never ended is archived as far as it got). The grace counts
 * from the last frame, not from ENDED: under backpressure the audio trails its ENDED event by minutes (the frames
 * reach this operator at the recognizer's pace, the event does not), and a recording cut at ENDED + grace would be
 * missing its end.
 *
 * <p>The frames live in checkpointed state and leave it only after the archive write returned: a task killed
 * mid-write restarts from the last checkpoint, gets the call's records again and writes the recording again (the
 * store's writes are atomic, so the half-written attempt is never seen).
 *
 * <p>A call imported again reuses its call id, and a job started afresh re-reads the uncommitted tail of the last
 * run: frames and ENDED events of two runs of one call can then interleave in any order (the tracks travel on
 * different partitions, at different paces). So the frames are not dropped at a write but kept until the call has
 * been quiet for {@link #LINGER_MS}; a frame seen twice is placed once, and frames that arrive after a write make
 * the grace timer write the recording again, with everything seen. Keyed by call id.
 */
public final class ArchiveRecordings extends KeyedProcessFunction<String, ArchiveInput, RecordingArchived> {
    public static final String STAGE = "archive";
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRecordings.class);
    static final long LINGER_MS = 120_000;
    static final long ABANDON_AFTER_MS = 24 * 3_600_000L;

    private final ArchiveSettings settings;
    private transient RecordingArchive archive;
    private transient ListState<AudioFrame> frames;
    private transient ValueState<CallEvent> ended;
    private transient ValueState<Long> endedSeenAt;
    private transient ListState<String> endedTracks;
    /** When the grace period of the call's pending ENDED runs out (a timer of an earlier run is not it). */
    private transient ValueState<Long> graceDeadline;
    /** When the frames of a written call are let go if nothing more of it arrives. */
    private transient ValueState<Long> lingerDeadline;
    /** When frames that never got an ENDED event are given up (a producer died mid-call and never came back). */
    private transient ValueState<Long> abandonDeadline;
    /** Frames arrived since the last write: the archived recording may lack them. */
    private transient ValueState<Boolean> dirty;
    /** A recording was written since the last ENDED event. */
    private transient ValueState<Boolean> written;

    public ArchiveRecordings(ArchiveSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        archive = settings.open();
        frames = getRuntimeContext().getListState(new ListStateDescriptor<>("frames", AudioFrame.class));
        ended = getRuntimeContext().getState(new ValueStateDescriptor<>("ended", CallEvent.class));
        endedSeenAt = getRuntimeContext().getState(new ValueStateDescriptor<>("ended-seen-at", Long.class));
        endedTracks = getRuntimeContext().getListState(new ListStateDescriptor<>("ended-tracks", String.class));
        graceDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("grace-deadline", Long.class));
        lingerDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("linger-deadline", Long.class));
        abandonDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("abandon-deadline", Long.class));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("dirty", Boolean.class));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", Boolean.class));
    }

    @Override
    public void processElement(ArchiveInput input, Context ctx, Collector<RecordingArchived> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (input.frame() != null) {
            if (abandonDeadline.value() == null) {
                schedule(abandonDeadline, now + ABANDON_AFTER_MS, ctx);
            }
            if (lingerDeadline.value() != null) {
                schedule(lingerDeadline, now + LINGER_MS, ctx); // more of a written call: keep its frames a while longer
            }
            if (ended.value() != null) {
                schedule(graceDeadline, now + settings.graceMs(), ctx); // audio still coming: the grace counts from the last frame
            }
            frames.add(input.frame());
            dirty.update(true);
            if (input.frame().endOfTrack()) {
                endedTracks.add(input.frame().track().name());
            }
        } else if (input.event().type() == CallEvent.Type.ENDED) {
            ended.update(input.event());
            endedSeenAt.update(now);
            written.update(false);
            schedule(graceDeadline, now + settings.graceMs(), ctx);
        }
        CallEvent end = ended.value();
        if (end != null && !Boolean.TRUE.equals(written.value()) && allTracksEnded(end)) {
            write(end, true, ctx, out);
        }
    }

    /**
     * The grace timer writes what arrived since the last write: the rest of a track that never ended, or frames of
     * a replay or re-import that came after the recording was first written (the write then holds every frame seen,
     * each once, so the archive converges on the whole call whatever the order of arrival).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RecordingArchived> out) throws Exception {
        CallEvent end = ended.value();
        boolean unwritten = Boolean.TRUE.equals(dirty.value());
        if (is(graceDeadline, timestamp)) {
            graceDeadline.clear();
            if (end != null && unwritten) {
                boolean complete = allTracksEnded(end);
                if (!complete) {
                    LOG.warn("call {}: not every track ended, and no audio came for {} ms; archiving what arrived",
                            end.callId(), settings.graceMs());
                }
                write(end, complete, ctx, out);
            }
        } else if (is(lingerDeadline, timestamp)) {
            if (unwritten) {
                schedule(lingerDeadline, timestamp + LINGER_MS, ctx); // the grace timer writes those first
            } else {
                clear(ctx); // written, and quiet since
            }
        } else if (is(abandonDeadline, timestamp) && end == null) {
            LOG.warn("call {}: frames but no ENDED event for {} h; dropping them from the archive's state (they stay "
                    + "on calls.audio until its retention)", ctx.getCurrentKey(), ABANDON_AFTER_MS / 3_600_000);
            clear(ctx);
        }
    }

    private static boolean is(ValueState<Long> timer, long timestamp) throws IOException {
        return Long.valueOf(timestamp).equals(timer.value());
    }

    private static void schedule(ValueState<Long> timer, long at, Context ctx) throws IOException {
        if (timer.value() != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer.value());
        }
        timer.update(at);
        ctx.timerService().registerProcessingTimeTimer(at);
    }

    private boolean allTracksEnded(CallEvent end) throws Exception {
        List<String> done = new ArrayList<>();
        endedTracks.get().forEach(done::add);
        return end.tracks().stream().allMatch(t -> done.contains(t.name()));
    }

    private void write(CallEvent end, boolean complete, Context ctx, Collector<RecordingArchived> out) throws Exception {
        List<AudioFrame> all = new ArrayList<>();
        frames.get().forEach(all::add);
        long now = ctx.timerService().currentProcessingTime();
        try {
            if (!all.isEmpty()) {
                RecordingKey key = new RecordingKey(end.tenant(), end.callId());
                DualTrackRecording recording = DualTrackRecording.fromFrames(all);
                long sealed = archive.archive(key, recording);
                out.collect(new RecordingArchived(end.tenant(), end.callId(), recording.durationMs(), sealed, complete,
                        now - endedSeenAt.value()));
            }
        } catch (UnknownKeyException | IllegalArgumentException e) {
            // The audio itself never goes to the dead letters: they are not encrypted. It stays on calls.audio.
            DeadLetter letter = DeadLetters.of(STAGE, end.callId(), "recording not archived: " + e.getMessage(), new byte[0]);
            ctx.output(DeadLetters.TAG, letter);
            LOG.warn("call {} of tenant {}: recording not archived: {}", end.callId(), end.tenant(), e.getMessage());
            clear(ctx);
            return;
        } catch (IOException e) {
            // A full or failing disk: fail the task, so Flink retries from the last checkpoint instead of losing it.
            throw new IOException("cannot archive call " + end.callId() + ": " + e.getMessage(), e);
        }
        dirty.update(false);
        written.update(true);
        if (graceDeadline.value() != null) {
            ctx.timerService().deleteProcessingTimeTimer(graceDeadline.value());
            graceDeadline.clear();
        }
        schedule(lingerDeadline, now + LINGER_MS, ctx);
    }

    private void clear(Context ctx) throws Exception {
        for (ValueState<Long> timer : List.of(graceDeadline, lingerDeadline, abandonDeadline)) {
            if (timer.value() != null) {
                ctx.timerService().deleteProcessingTimeTimer(timer.value());
                timer.clear();
            }
        }
        frames.clear();
        ended.clear();
        endedSeenAt.clear();
        endedTracks.clear();
        dirty.clear();
        written.clear();
    }
}
