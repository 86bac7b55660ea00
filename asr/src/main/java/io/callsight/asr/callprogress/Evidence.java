package io.callsight.asr.callprogress;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Why the detector reached a status: what it measured, for the call record and for tuning. */
public sealed interface Evidence {
    /** One line for logs and the call's dial-status record. */
    String summary();

    /**
     * A cadenced plan tone (ringback, busy, congestion).
     *
     * @param tone      the plan tone that matched, e.g. "US busy"
     * @param kind      what it means
     * @param hz        its nominal frequencies, e.g. "480+620 Hz"
     * @param cadenceMs the measured on, off, on, ... durations the decision rests on
     */
    record Tone(String tone, ToneKind kind, String hz, List<Long> cadenceMs) implements Evidence {
        public Tone {
            cadenceMs = List.copyOf(cadenceMs);
        }

        @Override
        public String summary() {
            return tone + " (" + hz + "), measured on/off " + cadenceMs + " ms";
        }
    }

    /**
     * A special information tone.
     *
     * @param category    decoded category
     * @param code        segment coding, e.g. "LS-LS-LL" (frequency Low/High, duration Short/Long)
     * @param hz          measured frequency of each of the three segments
     * @param durationsMs measured duration of each segment
     */
    record Sit(SitCategory category, String code, List<Double> hz, List<Long> durationsMs) implements Evidence {
        public Sit {
            hz = List.copyOf(hz);
            durationsMs = List.copyOf(durationsMs);
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "SIT %s (%s): %.1f/%.1f/%.1f Hz, %d/%d/%d ms", category.code(), code,
                    hz.get(0), hz.get(1), hz.get(2), durationsMs.get(0), durationsMs.get(1), durationsMs.get(2));
        }
    }

    /**
     * A fax or modem tone.
     *
     * @param tone       "CED" (answering fax/modem, 2100 Hz) or "CNG" (calling fax, 1100 Hz)
     * @param hz         measured frequency
     * @param durationMs measured duration (of the last burst for CNG)
     * @param bursts     bursts heard (1 for CED)
     */
    record Fax(String tone, double hz, long durationMs, int bursts) implements Evidence {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%s %.0f Hz, %d ms%s", tone, hz, durationMs,
                    bursts > 1 ? ", " + bursts + " bursts" : "");
        }
    }

    /**
     * What was heard after the answer.
     *
     * @param answeredBy     how the answer was known
     * @param answeredAtMs   when the call was answered (call time)
     * @param firstSpeechMs  start of the first speech, -1 if none
     * @param greetingMs     span of the greeting (first speech to last, pauses included)
     * @param longestPauseMs longest pause inside the greeting
     * @param silenceAfterMs silence after the greeting when the decision was made
     * @param speechRuns     separate runs of speech in the greeting
     * @param rule           the rule that decided, e.g. "greeting >= 2200 ms"
     * @param beep           the beep, if one decided it
     */
    record Speech(AnswerSource answeredBy, long answeredAtMs, long firstSpeechMs, long greetingMs, long longestPauseMs,
            long silenceAfterMs, int speechRuns, String rule, Optional<Beep> beep) implements Evidence {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%s; answered %d ms (%s), speech from %d ms, greeting %d ms in %d runs,"
                    + " longest pause %d ms, then %d ms silence%s", rule, answeredAtMs, answeredBy, firstSpeechMs,
                    greetingMs, speechRuns, longestPauseMs, silenceAfterMs,
                    beep.map(b -> String.format(Locale.ROOT, ", beep %.0f Hz %d ms", b.hz(), b.durationMs())).orElse(""));
        }
    }

    /**
     * Nothing decisive was heard.
     *
     * @param answeredBy   how the answer was known, empty if it never was
     * @param answeredAtMs when it was answered, -1 if never
     * @param silentMs     how long nothing was heard before the decision
     * @param rule         the rule that decided
     */
    record Silence(Optional<AnswerSource> answeredBy, long answeredAtMs, long silentMs, String rule) implements Evidence {
        @Override
        public String summary() {
            return rule + "; " + silentMs + " ms without speech or tone"
                    + answeredBy.map(s -> ", answered " + answeredAtMs + " ms (" + s + ")").orElse(", never answered");
        }
    }

    /**
     * It kept ringing.
     *
     * @param tone      the ringback heard
     * @param rings     ring bursts heard
     * @param ringingMs from the first ring to the decision
     * @param cadenceMs measured on/off durations of the last rings
     */
    record RingTimeout(String tone, int rings, long ringingMs, List<Long> cadenceMs) implements Evidence {
        public RingTimeout {
            cadenceMs = List.copyOf(cadenceMs);
        }

        @Override
        public String summary() {
            return tone + " rang " + rings + " times over " + ringingMs + " ms without an answer, on/off " + cadenceMs + " ms";
        }
    }
}
