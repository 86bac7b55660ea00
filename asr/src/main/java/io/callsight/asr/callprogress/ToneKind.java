package io.callsight.asr.callprogress;

/** What a call-progress tone of a {@link TonePlan} tells the caller. */
public enum ToneKind {
    /** The far end is being alerted (ringback, "ringing tone"): progress, not an outcome. */
    RINGBACK,
    /** The called line is busy. */
    BUSY,
    /** The network could not route the call (US "reorder", fast busy; ETSI "congestion"): reported as busy. */
    CONGESTION
}
