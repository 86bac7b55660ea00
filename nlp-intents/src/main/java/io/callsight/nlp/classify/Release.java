package io.callsight.nlp.classify;

/**
 * Which model versions of one tenant task serve traffic: {@code current} for most calls, {@code candidate} (if
 * any) for {@code candidateShare} of them, chosen by call id (see {@link io.callsight.nlp.insights.TrafficSplit}).
 * {@code previous} is the version {@code promote} replaced, so {@code rollback} can go back to it.
 *
 * @param current null when the task has no model at all
 */
public record Release(String current, String candidate, double candidateShare, String previous) {
    public Release {
        if (!(candidateShare >= 0 && candidateShare <= 1)) {
            throw new IllegalArgumentException("candidate share must be between 0 and 1, was " + candidateShare);
        }
        if (candidate == null) {
            candidateShare = 0;
        }
    }

    public static Release none() {
        return new Release(null, null, 0, null);
    }

    public boolean hasCandidate() {
        return candidate != null && candidateShare > 0;
    }
}
