package io.callsight.jobs.speech;

import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.nlp.rules.TimedUtterance;

/**
 * One redacted utterance kept in a call's state until the call's compliance is decided. A Flink POJO (public
 * fields, no-arg constructor) because it lives in keyed state.
 */
public class SpokenLine {
    public String track;
    public int idx;
    public long startMs;
    public String text;

    public SpokenLine() {
    }

    public static SpokenLine of(Utterance u) {
        SpokenLine line = new SpokenLine();
        line.track = u.track().name();
        line.idx = u.idx();
        line.startMs = u.startMs();
        line.text = u.text();
        return line;
    }

    TimedUtterance timed() {
        return new TimedUtterance(Track.valueOf(track), startMs, text);
    }
}
