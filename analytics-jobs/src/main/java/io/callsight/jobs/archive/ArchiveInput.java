package io.callsight.jobs.archive;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;

/** What the archive hears of a call: one of its audio frames, or a lifecycle event. Exactly one is set. */
public record ArchiveInput(AudioFrame frame, CallEvent event) {

    public static ArchiveInput of(AudioFrame frame) {
        return new ArchiveInput(frame, null);
    }

    public static ArchiveInput of(CallEvent event) {
        return new ArchiveInput(null, event);
    }

    public String callId() {
        return frame != null ? frame.callId() : event.callId();
    }
}
