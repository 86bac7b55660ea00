package io.callsight.asr.callprogress;

import java.util.Optional;

/**
 * Answering-machine detection by the shape of the greeting, from per-frame speech flags after the answer.
 *
 * <p>A person picking up says one short thing ("Hello?", "Hi, this is Dana.") and then waits for the caller: a
 * greeting of a second or two followed by silence. A voicemail greeting is a recorded speech of several seconds
 * whose pauses (commas, sentence ends) are shorter than the wait of a person. So: a greeting that spans
 * {@link CallProgressConfig.Amd#machineGreetingMs} is a machine; a shorter one followed by
 * {@link CallProgressConfig.Amd#humanSilenceMs} of silence is a person, unless a beep comes in that silence (a short
 * voicemail greeting, "Please leave a message"); no speech for {@link CallProgressConfig.Amd#noSpeechMs} is
 * silence. Speech runs shorter than {@link CallProgressConfig.Amd#minSpeechMs} are ignored.
 */
final class GreetingAnalyzer {
    /** A verdict and the rule that gave it. */
    record Verdict(DialStatus status, String rule) {
    }

    private static final int IN_GREETING_FRAMES = 2;
    private final CallProgressConfig.Amd config;
    private final long answeredAtMs;
    private final int minSpeechFrames;

    private int runFrames;
    private long runStartMs;
    private long firstSpeechMs = -1;
    private long lastSpeechEndMs = -1;
    private long longestPauseMs;
    private int speechRuns;
    private long lastFrameEndMs;

    GreetingAnalyzer(CallProgressConfig.Amd config, long answeredAtMs) {
        this.config = config;
        this.answeredAtMs = answeredAtMs;
        this.minSpeechFrames = Math.max(1, (config.minSpeechMs() + ToneFrame.FRAME_MS - 1) / ToneFrame.FRAME_MS);
        this.lastFrameEndMs = answeredAtMs;
    }

    /** Feeds the speech flag of the 20 ms frame starting at {@code startMs} (frames before the answer are ignored). */
    void accept(long startMs, boolean speech) {
        long endMs = startMs + ToneFrame.FRAME_MS;
        if (endMs <= answeredAtMs) {
            return;
        }
        lastFrameEndMs = endMs;
        if (!speech) {
            runFrames = 0;
            return;
        }
        if (runFrames++ == 0) {
            runStartMs = Math.max(startMs, answeredAtMs);
        }
        int needed = neededFrames();
        if (runFrames < needed) {
            return;
        }
        if (runFrames == needed) {
            // the run just qualified: it starts a new speech run of the greeting
            if (firstSpeechMs < 0) {
                firstSpeechMs = runStartMs;
            } else {
                longestPauseMs = Math.max(longestPauseMs, runStartMs - lastSpeechEndMs);
            }
            speechRuns++;
        }
        lastSpeechEndMs = endMs;
    }

    /**
     * The verdict at the end of the last frame fed, if a rule has fired.
     *
     * @param beepInProgress a tone that qualifies as a beep is sounding: do not call a person in its silence
     * @param lastToneMs     last time any tone was heard (tones are not silence for the no-speech rule)
     */
    Optional<Verdict> check(boolean beepInProgress, long lastToneMs) {
        long now = lastFrameEndMs;
        if (firstSpeechMs >= 0) {
            long greeting = lastSpeechEndMs - firstSpeechMs;
            if (greeting >= config.machineGreetingMs()) {
                return verdict(DialStatus.ANSWERED_MACHINE, "greeting >= " + config.machineGreetingMs() + " ms");
            }
            if (now - lastSpeechEndMs >= config.humanSilenceMs() && !beepInProgress) {
                return verdict(DialStatus.ANSWERED_HUMAN, "greeting < " + config.machineGreetingMs() + " ms, then "
                        + config.humanSilenceMs() + " ms silence");
            }
            if (now - answeredAtMs >= config.maxAnalysisMs() && !beepInProgress) {
                // Undecided at the limit (speech began late): a person is the cheaper mistake. The bot then talks
                // to a machine for a while; the other way it would leave a voicemail message on a person.
                return verdict(DialStatus.ANSWERED_HUMAN, "undecided after " + config.maxAnalysisMs() + " ms");
            }
            return Optional.empty();
        }
        long quietSince = Math.max(answeredAtMs, lastToneMs);
        if (now - quietSince >= config.noSpeechMs()) {
            return verdict(DialStatus.NO_ANSWER, "no speech for " + config.noSpeechMs() + " ms after the answer");
        }
        if (now - answeredAtMs >= 2L * config.maxAnalysisMs()) {
            return verdict(DialStatus.NO_ANSWER, "only unrecognized tones for " + 2L * config.maxAnalysisMs() + " ms");
        }
        return Optional.empty();
    }

    boolean speechHeard() {
        return firstSpeechMs >= 0;
    }

    /** Speech is sounding now (the last frame was part of a qualified run). */
    boolean inSpeech() {
        return runFrames >= neededFrames();
    }

    /**
     * A run must reach {@code minSpeechMs} to begin the greeting (a click is not an answer), but inside the greeting
     * 40 ms will do: at 10 dB SNR the VAD gives short function words ("this", "is") only 60–80 ms, and ignoring
     * them made a comma pause look like a person's wait.
     */
    private int neededFrames() {
        return firstSpeechMs < 0 ? minSpeechFrames : Math.min(minSpeechFrames, IN_GREETING_FRAMES);
    }

    long firstSpeechMs() {
        return firstSpeechMs;
    }

    long lastSpeechEndMs() {
        return lastSpeechEndMs;
    }

    long answeredAtMs() {
        return answeredAtMs;
    }

    long lastFrameEndMs() {
        return lastFrameEndMs;
    }

    Evidence.Speech speechEvidence(AnswerSource source, String rule, Optional<Beep> beep) {
        long greeting = firstSpeechMs < 0 ? 0 : lastSpeechEndMs - firstSpeechMs;
        long silence = firstSpeechMs < 0 ? lastFrameEndMs - answeredAtMs : lastFrameEndMs - lastSpeechEndMs;
        return new Evidence.Speech(source, answeredAtMs, firstSpeechMs, greeting, longestPauseMs, silence, speechRuns,
                rule, beep);
    }

    private static Optional<Verdict> verdict(DialStatus status, String rule) {
        return Optional.of(new Verdict(status, rule));
    }
}
