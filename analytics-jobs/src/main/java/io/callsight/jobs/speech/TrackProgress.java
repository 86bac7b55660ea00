package io.callsight.jobs.speech;

/**
 * What a live track has emitted so far, in Flink keyed state. The recognizer itself cannot be checkpointed;
 * this can, so after a restore the track's utterance numbering continues instead of starting over.
 */
public class TrackProgress {
    public int nextIndex;
    public int words;

    public TrackProgress() {
    }

    public TrackProgress(int nextIndex, int words) {
        this.nextIndex = nextIndex;
        this.words = words;
    }
}
