package io.callsight.jobs.speech;

import io.callsight.events.AudioFrame;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The transcription key of a frame: its track ({@code call/TRACK}), salted when needed so that the tracks of one call
 * land on different subtasks: track {@code i} of a call goes to subtask {@code (home(call) + i) mod parallelism}.
 *
 * <p>Why: hashing track keys spreads them binomially. With two transcriber subtasks and 8 live tracks one subtask
 * held 6 or more 29 % of the time and did 2.3× the other's work, so its lag ran away while the machine still had a
 * quarter of its CPU free (bench live, 2026-12-04). A call's customer and agent are both live for the whole call, so
 * splitting every call's pair evens the load with no coordination between ingest instances; at parallelism 2 each
 * subtask holds exactly one track of every call.
 *
 * <p>The salt depends only on the call, the track and the parallelism, so every frame of a track gets the same key.
 * A job restored at another parallelism gives tracks in flight new keys; their recognizers restart, as they do after
 * any restore (a Vosk recognizer is not checkpointed).
 */
public final class TrackPlacement implements KeySelector<AudioFrame, String> {
    private static final long serialVersionUID = 1L;
    /** Flink's own default for parallelism up to 85, set explicitly because the salt is computed against it. */
    public static final int MAX_PARALLELISM = 128;
    private static final String SALT = "~";
    // every candidate lands on a given subtask with probability 1/parallelism: 64 tries miss with (1 - 1/p)^64
    private static final int MAX_TRIES = 64 * 8;

    private final int parallelism;

    public TrackPlacement(int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ", got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    @Override
    public String getKey(AudioFrame frame) {
        return key(frame.callId(), frame.track().ordinal(), frame.trackKey());
    }

    /** The subtask a key is routed to: what Flink's keyBy does with it. */
    public int subtask(String key) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, parallelism);
    }

    String key(String callId, int trackIndex, String trackKey) {
        if (parallelism == 1) {
            return trackKey;
        }
        int target = (subtask(callId) + trackIndex) % parallelism;
        if (subtask(trackKey) == target) {
            return trackKey;
        }
        for (int salt = 1; salt < MAX_TRIES; salt++) {
            String candidate = trackKey + SALT + salt;
            if (subtask(candidate) == target) {
                return candidate;
            }
        }
        return trackKey; // astronomically unlikely; placement is an optimisation, the plain key is always correct
    }
}
