package io.callsight.asr.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-frame decisions into padded speech segments, streaming.
 *
 * <p>A burst of speech holding at least {@link VadConfig#minSpeechMs} of frames that scored as speech opens a
 * segment (hangover frames do not count; pauses shorter than {@link VadConfig#minSilenceMs} do not break the
 * burst). The segment starts
 * {@link VadConfig#prePaddingMs} before the run (never before the end of the previous segment, so segments
 * never overlap). The segment stays open through pauses; it closes once the silence since its last speech frame
 * reaches both {@link VadConfig#minSilenceMs} and {@link VadConfig#postPaddingMs}, and then ends
 * {@code postPaddingMs} after that last speech frame. Because of that rule a segment's end is final when
 * reported: no later frame can move it.
 *
 * <p>Two queries let a caller hold only the audio that may still be needed: {@link #committedUntilFrame()} (audio
 * before it that lies in the open segment is certain to be decoded) and {@link #earliestUndecidedFrame()} (audio
 * before it that is not yet decoded never will be).
 */
public final class SpeechSegmenter {
    private enum State { SILENCE, CANDIDATE, SPEECH }

    private final int minSpeechFrames;
    private final int closeAfterSilenceFrames;
    private final int minSilenceFrames;
    private final int prePaddingFrames;
    private final int postPaddingFrames;

    private State state = State.SILENCE;
    private long framesSeen;
    private long candidateStart;
    private int candidateRawFrames;
    private long segmentStart;
    private long lastSpeechFrame;
    private long previousEnd;

    public SpeechSegmenter(VadConfig config) {
        this.minSpeechFrames = config.minSpeechFrames();
        this.prePaddingFrames = config.prePaddingFrames();
        this.postPaddingFrames = config.postPaddingFrames();
        this.minSilenceFrames = config.minSilenceFrames();
        this.closeAfterSilenceFrames = Math.max(minSilenceFrames, postPaddingFrames);
    }

    /** Feeds decisions in frame order; returns the events they caused. */
    public List<SegmentEvent> accept(List<FrameDecision> decisions) {
        List<SegmentEvent> out = new ArrayList<>(0);
        for (FrameDecision decision : decisions) {
            accept(decision, out);
        }
        return out;
    }

    /** Feeds one decision, appending any event to {@code out}. */
    public void accept(FrameDecision decision, List<SegmentEvent> out) {
        if (decision.index() != framesSeen) {
            throw new IllegalArgumentException("expected frame " + framesSeen + ", got " + decision.index());
        }
        long frame = framesSeen++;
        // The detector's own hangover marks frames after a burst as speech; the post-padding already covers word
        // endings, so only frames that scored as speech ("raw") extend a segment or count towards minSpeech.
        // Hangover frames still keep an onset run together, so a weak frame inside a word does not reset it.
        boolean raw = decision.speech() && !decision.hangover();
        switch (state) {
            case SILENCE -> {
                if (raw) {
                    candidateStart = frame;
                    candidateRawFrames = 1;
                    lastSpeechFrame = frame;
                    state = State.CANDIDATE;
                    confirmIfLongEnough(out);
                }
            }
            case CANDIDATE -> {
                // Bursts separated by less than minSilence add up: at the start of a stream, before the models
                // have adapted, a real word can come out as several short bursts.
                if (!raw && frame - lastSpeechFrame >= minSilenceFrames) {
                    state = State.SILENCE;
                } else if (raw) {
                    candidateRawFrames++;
                    lastSpeechFrame = frame;
                    confirmIfLongEnough(out);
                }
            }
            case SPEECH -> {
                if (raw) {
                    lastSpeechFrame = frame;
                } else if (frame - lastSpeechFrame >= closeAfterSilenceFrames) {
                    close(lastSpeechFrame + 1 + postPaddingFrames, out);
                }
            }
        }
    }

    /** Ends the stream: closes an open segment at its padded end or the end of the audio, whichever is first. */
    public List<SegmentEvent> finish() {
        List<SegmentEvent> out = new ArrayList<>(1);
        if (state == State.SPEECH) {
            close(Math.min(lastSpeechFrame + 1 + postPaddingFrames, framesSeen), out);
        }
        state = State.SILENCE; // a candidate still shorter than minSpeech is dropped
        return out;
    }

    public boolean inSegment() {
        return state == State.SPEECH;
    }

    public long framesSeen() {
        return framesSeen;
    }

    /** Start frame of the open segment (only meaningful while {@link #inSegment()}). */
    public long segmentStartFrame() {
        return segmentStart;
    }

    /** Frames before this index that fall in the open segment will certainly be decoded. */
    public long committedUntilFrame() {
        if (state != State.SPEECH) {
            return previousEnd;
        }
        return Math.min(lastSpeechFrame + 1 + postPaddingFrames, framesSeen);
    }

    /** Frames before this index and outside every reported segment can never become part of one. */
    public long earliestUndecidedFrame() {
        return switch (state) {
            case SPEECH -> committedUntilFrame();
            case CANDIDATE -> Math.max(previousEnd, candidateStart - prePaddingFrames);
            case SILENCE -> Math.max(previousEnd, framesSeen - prePaddingFrames);
        };
    }

    private void confirmIfLongEnough(List<SegmentEvent> out) {
        if (candidateRawFrames >= minSpeechFrames) {
            segmentStart = Math.max(previousEnd, candidateStart - prePaddingFrames);
            state = State.SPEECH;
            out.add(new SegmentEvent.Started(segmentStart * FrameDecision.FRAME_MS));
        }
    }

    private void close(long endFrame, List<SegmentEvent> out) {
        previousEnd = endFrame;
        state = State.SILENCE;
        out.add(new SegmentEvent.Ended(new SpeechSegment(segmentStart * FrameDecision.FRAME_MS,
                endFrame * FrameDecision.FRAME_MS)));
    }
}
