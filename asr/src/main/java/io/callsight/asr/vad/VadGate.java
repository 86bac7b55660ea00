package io.callsight.asr.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Sits in front of a recognizer and passes it only the audio inside speech segments (padding included), so long
 * silences are never decoded.
 *
 * <p>Where to put it: after resampling to the recognizer's 16 kHz. The detector then sees exactly what the
 * recognizer will hear, cuts fall on recognizer samples so the {@link TimeMap} maps recognizer word times
 * without any rate conversion, and the resampler's filter runs over the continuous track rather than across
 * splices (gating before it would smear each cut over the filter length). The detector halves 16 kHz
 * internally (as libfvad does), so the decision is the same 8 kHz model either way; resampling all audio costs
 * little next to decoding it. 8 kHz works too, e.g. to skip resampling silence.
 *
 * <p>Latency: audio is held only while a speech onset is not yet confirmed ({@link VadConfig#minSpeechMs}) plus
 * the partial 10 ms frame; inside a segment, audio is released as soon as its frame is analysed. A pre-roll of
 * {@link VadConfig#prePaddingMs} is always kept, so a segment's audio begins before the first speech frame.
 *
 * <p>Each call returns {@link GateEvent}s in order: {@code SegmentStarted}, then {@code Audio} chunks, then
 * {@code SegmentEnded}, which is the cue to finalize the utterance. Not thread safe: one gate per track.
 */
public final class VadGate {
    private final int sampleRate;
    private final int frameSamples;
    private final VoiceActivityDetector detector;
    private final SpeechSegmenter segmenter;
    private final SampleQueue held = new SampleQueue();
    private final TimeMap timeMap;
    private final short[] closingSilence;

    private long received;
    private long releasedUntil; // track index up to which audio of the open segment has been passed
    private boolean finished;

    public VadGate(int sampleRate, VadConfig config) {
        this.detector = new VoiceActivityDetector(sampleRate, config.mode());
        this.segmenter = new SpeechSegmenter(config);
        this.sampleRate = sampleRate;
        this.frameSamples = detector.frameSamples();
        this.timeMap = new TimeMap(sampleRate);
        this.closingSilence = new short[(int) ((long) config.closingSilenceMs() * sampleRate / 1000)];
    }

    public VadGate(int sampleRate) {
        this(sampleRate, VadConfig.defaults());
    }

    /** Feeds the next chunk of the track (any length); returns what the recognizer should get now. */
    public List<GateEvent> accept(short[] pcm) {
        if (finished) {
            throw new IllegalStateException("gate already finished");
        }
        held.append(pcm);
        received += pcm.length;
        List<GateEvent> out = new ArrayList<>(2);
        List<SegmentEvent> events = new ArrayList<>(1);
        for (FrameDecision decision : detector.accept(pcm)) {
            events.clear();
            segmenter.accept(decision, events);
            for (SegmentEvent event : events) {
                handle(event, out);
            }
        }
        if (segmenter.inSegment()) {
            release(segmenter.committedUntilFrame() * frameSamples, out);
        }
        held.dropBefore(Math.min(releasedUntilIfActive(), segmenter.earliestUndecidedFrame() * frameSamples));
        return out;
    }

    /** Ends the track: closes an open segment (passing the audio up to its end) and releases nothing else. */
    public List<GateEvent> finish() {
        if (finished) {
            return List.of();
        }
        finished = true;
        List<GateEvent> out = new ArrayList<>(2);
        boolean open = segmenter.inSegment();
        for (SegmentEvent event : segmenter.finish()) {
            if (open && event instanceof SegmentEvent.Ended ended
                    && ended.segment().endMs() * sampleRate / 1000 == segmenter.framesSeen() * frameSamples) {
                // The segment runs to the end of the audio: include the last partial frame too.
                release(received, out);
                SpeechSegment segment = new SpeechSegment(ended.segment().startMs(), received * 1000 / sampleRate);
                out.add(new GateEvent.SegmentEnded(segment)); // the track ends too: nothing to bridge to
            } else {
                handle(event, out);
            }
        }
        held.dropBefore(received);
        return out;
    }

    /** Maps passed-sample positions (recognizer time) back to track positions. */
    public TimeMap timeMap() {
        return timeMap;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples received so far. */
    public long receivedSamples() {
        return received;
    }

    /** Samples passed to the recognizer so far. */
    public long passedSamples() {
        return timeMap.passedSamples();
    }

    /** Share of the received audio that was dropped (0 when everything was passed). */
    public double droppedShare() {
        return received == 0 ? 0 : 1 - (double) timeMap.passedSamples() / received;
    }

    private void handle(SegmentEvent event, List<GateEvent> out) {
        if (event instanceof SegmentEvent.Started started) {
            releasedUntil = started.startMs() * sampleRate / 1000;
            held.dropBefore(releasedUntil);
            out.add(new GateEvent.SegmentStarted(started.startMs()));
        } else if (event instanceof SegmentEvent.Ended ended) {
            long endSample = ended.segment().endMs() * sampleRate / 1000;
            release(endSample, out);
            end(ended.segment(), endSample, out);
        }
    }

    /** Closes a segment: the bridge of silence (if configured), then the event. */
    private void end(SpeechSegment segment, long endSample, List<GateEvent> out) {
        boolean bridged = closingSilence.length > 0;
        if (bridged) {
            long passedStart = timeMap.passedSamples();
            timeMap.appendFiller(endSample, closingSilence.length);
            out.add(new GateEvent.Audio(closingSilence.clone(), endSample, passedStart));
        }
        out.add(new GateEvent.SegmentEnded(segment, bridged));
    }

    /** Passes held audio of the open segment from {@link #releasedUntil} to {@code until}. */
    private void release(long until, List<GateEvent> out) {
        if (until <= releasedUntil) {
            return;
        }
        short[] pcm = held.copy(releasedUntil, until);
        long passedStart = timeMap.passedSamples();
        timeMap.append(releasedUntil, pcm.length);
        out.add(new GateEvent.Audio(pcm, releasedUntil, passedStart));
        releasedUntil = until;
    }

    private long releasedUntilIfActive() {
        return segmenter.inSegment() ? releasedUntil : Long.MAX_VALUE;
    }
}
