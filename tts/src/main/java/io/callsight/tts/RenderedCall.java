package io.callsight.tts;

import io.callsight.events.Track;
import java.util.List;

/**
 * A rendered call in memory: one PCM16 track per party, both the same length, plus where each line sits.
 *
 * @param customer left channel
 * @param agent right channel
 */
public record RenderedCall(DemoCallScript script, int sampleRate, short[] customer, short[] agent,
        List<LineTiming> lines) {

    public RenderedCall {
        if (customer.length != agent.length) {
            throw new IllegalArgumentException("tracks differ in length: " + customer.length + " vs " + agent.length);
        }
        lines = List.copyOf(lines);
    }

    public short[] track(Track track) {
        return switch (track) {
            case CUSTOMER -> customer;
            case AGENT -> agent;
            case BOT -> throw new IllegalArgumentException("demo calls have no BOT track");
        };
    }

    public long durationMs() {
        return customer.length * 1000L / sampleRate;
    }
}
