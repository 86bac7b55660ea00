package io.callsight.asr.turn;

import io.callsight.asr.audio.Pcm;
import io.callsight.asr.recognition.Denoising;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.PartialThrottle;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.recognition.TrackTranscriber;
import io.callsight.asr.vad.FrameDecision;
import io.callsight.asr.vad.VadMode;
import io.callsight.asr.vad.VoiceActivityDetector;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The caller's side of a bot call: recognizes the caller's μ-law audio as it arrives and decides when the caller's
 * turn is over, which a bot must know sooner than a transcript needs it.
 *
 * <p>Why not the recognizer's endpointer: Vosk finalizes after 0.5 s or more of trailing silence, and the speech
 * job's path (Kafka → Flink → Kafka) adds its own: a final arrived ~1 s after the end of an utterance at p50 in
 * {@code bench live}, already past the bot's 600 ms response budget. Here a voice detector (WebRTC's GMM, on the
 * 8 kHz audio as it comes) marks the last voiced 10 ms frame, and {@link Config#endOfTurnSilenceMs} of silence
 * after it ends the turn: the recognizer is asked for its final result at once
 * ({@link TrackTranscriber#endUtterance}). Pipecat's default turn rule is the same idea (VAD stop after 0.8 s);
 * the silence is per flow, as callers of a yes/no question pause less than ones reading a card number.
 *
 * <p>Not thread safe: one instance per call, fed from one thread.
 */
public final class CallerTurns implements AutoCloseable {
    /**
     * @param endOfTurnSilenceMs silence after the last voiced frame that ends a turn
     * @param minSpeechMs        voiced audio within one burst before it counts as the caller talking
     * @param partialIntervalMs  how often the recognizer's partial is fetched (barge-in reacts on it)
     */
    public record Config(int endOfTurnSilenceMs, int minSpeechMs, long partialIntervalMs, Denoising denoising,
                         VadMode vadMode) {
        public Config {
            if (endOfTurnSilenceMs < 100) {
                throw new IllegalArgumentException("end-of-turn silence must be at least 100 ms, got " + endOfTurnSilenceMs);
            }
            if (minSpeechMs < FrameDecision.FRAME_MS) {
                throw new IllegalArgumentException("minimum speech must be at least 10 ms, got " + minSpeechMs);
            }
            Objects.requireNonNull(denoising, "denoising");
            Objects.requireNonNull(vadMode, "vadMode");
        }

        /** 400 ms ends a turn: measured on the demo flows' caller scripts, shorter cut callers off between words. */
        public static Config defaults() {
            return new Config(400, 120, 100, Denoising.RNN, VadMode.AGGRESSIVE);
        }

        public Config withEndOfTurnSilenceMs(int ms) {
            return new Config(ms, minSpeechMs, partialIntervalMs, denoising, vadMode);
        }
    }

    /** Unvoiced audio within a burst that does not end it: the detector flickers inside words. */
    private static final int BURST_GAP_MS = 100;

    private final Config config;
    private final TrackTranscriber transcriber;
    private final VoiceActivityDetector vad;
    private final StringBuilder heard = new StringBuilder();
    private double confidenceSum;
    private int finals;
    private long originMs = -1;
    private long fedMs;
    private long seq;
    private long burstMs;
    private long lastVoicedEndMs = -1;
    private boolean talking;
    private String lastPartial = "";

    public CallerTurns(SpeechRecognizer recognizer, String tenant, String callId, Config config) {
        this.config = config;
        FrontEndConfig frontEnd = FrontEndConfig.defaults().withDenoising(config.denoising()).withVad(false);
        this.transcriber = new TrackTranscriber(recognizer, tenant, callId, Track.CUSTOMER, frontEnd, 0,
                new PartialThrottle(config.partialIntervalMs()));
        this.vad = new VoiceActivityDetector(8000, config.vadMode());
    }

    /** Feeds caller audio (8 kHz μ-law) that starts at {@code streamOffsetMs}; returns what it revealed, in order. */
    public List<TurnEvent> accept(byte[] ulaw, long streamOffsetMs) {
        if (originMs < 0) {
            originMs = streamOffsetMs;
        }
        List<TurnEvent> events = new ArrayList<>();
        AudioFrame frame = new AudioFrame(transcriber.tenant(), transcriber.callId(), Track.CUSTOMER, seq++,
                streamOffsetMs, AudioCodec.PCMU, 8000, ulaw, false);
        for (Utterance u : transcriber.accept(frame)) {
            addFinal(u);
        }
        for (FrameDecision d : vad.accept(Pcm.decode(AudioCodec.PCMU, ulaw))) {
            onFrame(originMs + d.startMs(), originMs + d.endMs(), d.speech() && !d.hangover(), events);
        }
        fedMs = streamOffsetMs + ulaw.length / 8 - originMs;
        long now = originMs + fedMs;
        if (!talking && finals > 0) {
            // words without voiced audio (a quiet caller the detector missed): the recognizer's endpoint decides
            events.add(endTurn(now, lastVoicedEndMs >= 0 ? lastVoicedEndMs : now, TurnEvent.Cause.RECOGNIZER));
        }
        transcriber.partial(now).ifPresent(p -> {
            String sofar = join(heard, p.text());
            if (!sofar.isBlank() && !sofar.equals(lastPartial)) {
                lastPartial = sofar;
                events.add(new TurnEvent.Partial(now, sofar));
            }
        });
        return events;
    }

    /** Whether the caller is in the middle of a turn (spoke, and the end-of-turn silence has not passed). */
    public boolean talking() {
        return talking;
    }

    private void onFrame(long startMs, long endMs, boolean voiced, List<TurnEvent> events) {
        if (voiced) {
            if (lastVoicedEndMs >= 0 && startMs - lastVoicedEndMs > BURST_GAP_MS) {
                burstMs = 0;
            }
            burstMs += FrameDecision.FRAME_MS;
            lastVoicedEndMs = endMs;
            if (!talking && burstMs >= config.minSpeechMs()) {
                talking = true;
                events.add(new TurnEvent.SpeechStarted(endMs - burstMs));
            }
        } else if (talking && endMs - lastVoicedEndMs >= config.endOfTurnSilenceMs()) {
            for (Utterance u : transcriber.endUtterance()) {
                addFinal(u);
            }
            TurnEvent.TurnEnded ended = endTurn(endMs, lastVoicedEndMs, TurnEvent.Cause.SILENCE);
            if (!ended.text().isBlank()) {
                events.add(ended); // a cough or a breath is voiced too, but says nothing: no turn for the dialog
            }
        }
    }

    private TurnEvent.TurnEnded endTurn(long atMs, long speechEndedMs, TurnEvent.Cause cause) {
        TurnEvent.TurnEnded ended = new TurnEvent.TurnEnded(atMs, speechEndedMs, heard.toString().strip(),
                finals == 0 ? 0 : confidenceSum / finals, cause);
        heard.setLength(0);
        confidenceSum = 0;
        finals = 0;
        talking = false;
        burstMs = 0;
        lastPartial = "";
        return ended;
    }

    private void addFinal(Utterance u) {
        if (u.text() == null || u.text().isBlank()) {
            return;
        }
        if (!heard.isEmpty()) {
            heard.append(' ');
        }
        heard.append(u.text().strip());
        confidenceSum += u.confidence();
        finals++;
    }

    private static String join(CharSequence before, String partial) {
        if (before.isEmpty()) {
            return partial.strip();
        }
        return partial.isBlank() ? before.toString() : before + " " + partial.strip();
    }

    static int countWords(String text) {
        int words = 0;
        for (String w : text.strip().split("\\s+")) {
            if (w.chars().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }

    @Override
    public void close() {
        transcriber.close();
    }
}
