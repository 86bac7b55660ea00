package io.callsight.tts;

import io.callsight.events.Track;

/**
 * One turn of a scripted call.
 *
 * <p>Timing is relative to the end of the audio so far: the line starts {@code pauseBeforeMs} after everything
 * before it has finished, or {@code overlapMs} before that, so a customer can say "okay" while the agent is
 * still talking. A line uses one or the other, never both.
 */
public record ScriptLine(Track speaker, String text, int pauseBeforeMs, int overlapMs) {
}
