package io.callsight.asr.recognition;

import io.callsight.asr.audio.Pcm;
import io.callsight.asr.vad.GateEvent;
import io.callsight.asr.vad.SpeechSegment;
import io.callsight.asr.vad.SpeechSegmentTracker;
import io.callsight.asr.vad.VadGate;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the frames of one call track into final utterances: decode the codec, resample to the
 * recognizer's rate, gate out long silences (VAD), recognize, and place results on the call's time line.
 * Frames must arrive in order; a gap in the time line (lost frames, a paused stream) is filled with silence
 * so later words keep their true call times. The speech job feeds it frame by frame as frames arrive;
 * {@link StreamingTranscription} runs the same loop over a track held whole (a file, a benchmark).
 * <p>Between finals, {@link #partial} gives the utterance in progress as heard so far, throttled by a
 * {@link PartialThrottle}: the live view of a call.
 */
public final class TrackTranscriber implements AutoCloseable {
    private final String tenant;
    private final String callId;
    private final Track track;
    private final SpeechRecognizer.Stream stream;
    private final int targetRate;
    private final VadGate gate;
    private final SpeechSegmentTracker segmentsOnly; // when not gating: segments are still reported
    private final List<SpeechSegment> closedSegments = new ArrayList<>();
    private final Denoising denoising;
    private final PartialThrottle partials;

    private SignalChain chain;
    private int inputRate;
    private long originMs = -1;
    private long inputSamples;
    private int nextIndex;
    private boolean finished;
    private long lastFinalEndMs = -1; // call time; where a partial without word times is taken to start

    public TrackTranscriber(SpeechRecognizer recognizer, String tenant, String callId, Track track) {
        this(recognizer, tenant, callId, track, FrontEndConfig.defaults());
    }

    public TrackTranscriber(SpeechRecognizer recognizer, String tenant, String callId, Track track,
            FrontEndConfig frontEnd) {
        this(recognizer, tenant, callId, track, frontEnd, 0);
    }

    /**
     * {@code firstIndex}: index of the first utterance this transcriber emits. A stream processor that lost the
     * recognizer (restart from a checkpoint, mid-track) resumes numbering where its checkpoint says, so it never
     * overwrites the utterances already indexed under the earlier indexes.
     */
    public TrackTranscriber(SpeechRecognizer recognizer, String tenant, String callId, Track track,
            FrontEndConfig frontEnd, int firstIndex) {
        this(recognizer, tenant, callId, track, frontEnd, firstIndex, new PartialThrottle(PartialThrottle.DEFAULT_INTERVAL_MS));
    }

    /** {@code partials}: when {@link #partial} may give the utterance in progress (this track's own throttle). */
    public TrackTranscriber(SpeechRecognizer recognizer, String tenant, String callId, Track track,
            FrontEndConfig frontEnd, int firstIndex, PartialThrottle partials) {
        this.nextIndex = firstIndex;
        this.partials = partials;
        this.gate = frontEnd.vad() ? new VadGate(recognizer.sampleRate(), frontEnd.vadConfig()) : null;
        this.segmentsOnly = frontEnd.vad() ? null : new SpeechSegmentTracker(recognizer.sampleRate(), frontEnd.vadConfig());
        this.denoising = frontEnd.denoising();
        this.tenant = tenant;
        this.callId = callId;
        this.track = track;
        this.targetRate = recognizer.sampleRate();
        this.stream = recognizer.openStream();
    }

    /** Feeds one frame; returns the utterances it completed (most frames complete none). */
    public List<Utterance> accept(AudioFrame frame) {
        if (finished) {
            throw new IllegalStateException("track " + frame.trackKey() + " already ended");
        }
        if (chain == null) {
            inputRate = frame.sampleRate();
            chain = new SignalChain(inputRate, targetRate, denoising);
            originMs = frame.startMs();
        } else if (frame.sampleRate() != inputRate) {
            throw new IllegalArgumentException("track " + frame.trackKey() + " changed sample rate from "
                    + inputRate + " to " + frame.sampleRate() + " Hz at frame " + frame.seq());
        }
        List<Utterance> out = new ArrayList<>();
        long gapSamples = (frame.startMs() - originMs) * inputRate / 1000 - inputSamples;
        if (gapSamples > inputRate / 50) { // more than 20 ms missing
            feed(new short[(int) Math.min(gapSamples, inputRate * 60L)], out);
        }
        feed(Pcm.decode(frame.codec(), frame.payload()), out);
        if (frame.endOfTrack()) {
            out.addAll(finish());
        }
        return out;
    }

    /**
     * Finalizes the utterance in progress now and keeps the track open: for a caller of a bot, whose turn is ended
     * by the bot's own end-of-turn rule (a short silence) rather than the recognizer's endpointer, which waits
     * longer. Empty when nothing was heard since the last final.
     */
    public List<Utterance> endUtterance() {
        if (finished || chain == null) {
            return List.of();
        }
        List<Utterance> out = new ArrayList<>();
        addAll(stream.finish(), out);
        return out;
    }

    /** Ends the track: flushes the resampler and the recognizer. Idempotent. */
    public List<Utterance> finish() {
        if (finished) {
            return List.of();
        }
        finished = true;
        List<Utterance> out = new ArrayList<>();
        if (chain != null) {
            recognize(chain.flush(), out);
        }
        if (gate != null) {
            recognize(gate.finish(), out);
        } else {
            closedSegments.addAll(segmentsOnly.finish());
        }
        addAll(stream.finish(), out);
        return out;
    }

    /**
     * The utterance in progress as a partial ({@code isFinal == false}): the {@code idx} its final will get, where
     * it started, how far the track's audio has got ({@code endMs}), and the text so far, without words. Empty
     * unless the throttle is due at {@code nowMs} and the text changed since the last partial. Ask after
     * {@link #accept}, so a final that frame completed comes first and the partial is already the next utterance's.
     */
    public Optional<Utterance> partial(long nowMs) {
        if (finished || chain == null || !partials.due(nowMs)) {
            return Optional.empty();
        }
        RecognizedPartial heard = stream.partial();
        if (!partials.offer(heard.text(), nowMs)) { // nothing heard ("") is a fruitless fetch too: it delays the next
            return Optional.empty();
        }
        long origin = Math.max(0, originMs);
        long position = origin + audioMs();
        long start;
        if (heard.startMs() != RecognizedPartial.UNKNOWN_START) {
            start = (gate == null ? heard.startMs() : gate.timeMap().toOriginalMs(heard.startMs())) + origin;
        } else {
            start = lastFinalEndMs >= 0 ? lastFinalEndMs : origin;
        }
        start = Math.min(start, position);
        return Optional.of(new Utterance(tenant, callId, track, nextIndex, start, position, heard.text(), null,
                List.of(), 0, false));
    }

    /**
     * The speech segments (VAD, padding included) closed since the last call, on the call's time line. Reported
     * whether or not the gate is on, so talk time and pauses are known for every track.
     */
    public List<SpeechSegment> drainSpeechSegments() {
        if (closedSegments.isEmpty()) {
            return List.of();
        }
        long origin = Math.max(0, originMs);
        List<SpeechSegment> out = closedSegments.stream()
                .map(s -> new SpeechSegment(s.startMs() + origin, s.endMs() + origin)).toList();
        closedSegments.clear();
        return out;
    }

    public String tenant() {
        return tenant;
    }

    public String callId() {
        return callId;
    }

    public Track track() {
        return track;
    }

    public int utteranceCount() {
        return nextIndex;
    }

    public long audioMs() {
        return inputRate == 0 ? 0 : inputSamples * 1000 / inputRate;
    }

    private void feed(short[] pcm, List<Utterance> out) {
        inputSamples += pcm.length;
        recognize(chain.process(pcm), out);
    }

    private void recognize(short[] pcm, List<Utterance> out) {
        if (gate == null) {
            closedSegments.addAll(segmentsOnly.accept(pcm));
            addAll(stream.accept(pcm), out);
        } else {
            recognize(gate.accept(pcm), out);
        }
    }

    private void recognize(List<GateEvent> events, List<Utterance> out) {
        for (GateEvent event : events) {
            if (event instanceof GateEvent.Audio audio) {
                addAll(stream.accept(audio.pcm()), out);
            } else if (event instanceof GateEvent.SegmentEnded ended) {
                closedSegments.add(ended.segment());
                if (!ended.bridged()) {
                    // The speaker paused and no silence follows in the stream: close the utterance now.
                    addAll(stream.finish(), out);
                }
            }
        }
    }

    private void addAll(List<RecognizedSegment> segments, List<Utterance> out) {
        for (RecognizedSegment segment : segments) {
            // The recognizer only heard the audio the gate passed: map its times back to the track's own.
            RecognizedSegment onTrackTime = gate == null ? segment : segment.retimed(gate.timeMap());
            RecognizedSegment onCallTime = onTrackTime.shift(Math.max(0, originMs));
            out.add(new Utterance(tenant, callId, track, nextIndex++, onCallTime.startMs(), onCallTime.endMs(),
                    onCallTime.text(), null, onCallTime.words(), onCallTime.confidence(), true));
            lastFinalEndMs = onCallTime.endMs();
            partials.utteranceEnded();
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
