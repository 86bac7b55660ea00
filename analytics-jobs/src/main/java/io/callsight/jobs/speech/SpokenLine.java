package io.callsight.jobs.speech;

import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.nlp.rules.TimedUtterance;

/**
 * One redacted utterance (and its sentiment score) kept in a call's state until the finished call is analyzed. A Flink POJO (public
 * fields, no-arg constructor) because it lives in keyed state.
 */
public class SpokenLine {
    public String track;
    public int idx;
    public long startMs;
    public String text;
    /** The insight's sentiment score in [-1, 1]; null without a sentiment reading. */
    public Double sentiment;

    public SpokenLine() {
    }

    public static SpokenLine of(Utterance u, Double sentiment) {
        SpokenLine line = new SpokenLine();
        line.track = u.track().name();
        line.idx = u.idx();
        line.startMs = u.startMs();
        line.text = u.text();
        line.sentiment = sentiment;
        return line;
    }

    TimedUtterance timed() {
        return new TimedUtterance(Track.valueOf(track), startMs, text);
    }
}
