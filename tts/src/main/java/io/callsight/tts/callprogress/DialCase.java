package io.callsight.tts.callprogress;

import io.callsight.asr.callprogress.DialStatus;

/**
 * One generated outbound call: the far end's audio from the moment the call is placed, and what a detector should
 * say about it.
 *
 * @param id            "human-017"
 * @param expected      the true dial status
 * @param hard          outside the main figures: a case no timing rule can get right (see {@link DialTestSet})
 * @param audio         8 kHz 16-bit PCM after the simulated line (noise, G.711 μ-law)
 * @param onsetMs       what decision time is measured from: the answer for answered calls, the tone's start for
 *                      busy and SIT, the ring timeout for calls that ring out
 * @param answeredAtMs  when the far end answered, -1 if it never did
 * @param greetingEndMs end of the last greeting word of a machine, -1 otherwise
 * @param beepEndMs     end of the voicemail beep, -1 if there is none
 * @param ringback      ringback was sent before the answer (or throughout)
 * @param description   what was synthesized: plan, voice, text, SNR, noise
 */
public record DialCase(String id, DialStatus expected, boolean hard, short[] audio, long onsetMs, long answeredAtMs,
        long greetingEndMs, long beepEndMs, boolean ringback, double snrDb, String description) {

    public long durationMs() {
        return audio.length / 8L;
    }
}
