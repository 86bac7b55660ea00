package io.callsight.tts;

import io.callsight.events.Track;

/** Where a script line ended up in the rendered call: the reference transcript for one turn. */
public record LineTiming(Track speaker, String text, long startMs, long endMs) {
}
