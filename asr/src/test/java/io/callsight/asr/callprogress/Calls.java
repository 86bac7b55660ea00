package io.callsight.asr.callprogress;

import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.PhoneLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs detectors over synthesized calls for the tests. */
final class Calls {
    static final int FRAME = 160;

    private Calls() {
    }

    /** Through a noisy μ-law line. */
    static short[] line(float[] clean, NoiseType noise, double snrDb, long seed) {
        return PhoneLine.atSnr(clean, noise, snrDb, seed, true);
    }

    /** Feeds {@code pcm} in 20 ms frames, then finishes; all events in order. */
    static List<CallProgressEvent> run(CallProgressDetector detector, short[] pcm) {
        List<CallProgressEvent> events = new ArrayList<>();
        for (int i = 0; i + FRAME <= pcm.length; i += FRAME) {
            events.addAll(detector.accept(pcm, i, FRAME));
        }
        events.addAll(detector.finish());
        return events;
    }

    static List<CallProgressEvent> run(short[] pcm) {
        return run(new CallProgressDetector(), pcm);
    }

    static CallProgressEvent.Status decision(List<CallProgressEvent> events) {
        return events.stream().filter(e -> e instanceof CallProgressEvent.Status s && s.isFinal())
                .map(e -> (CallProgressEvent.Status) e).findFirst()
                .orElseThrow(() -> new AssertionError("no final status in " + events));
    }

    static Optional<CallProgressEvent.Status> ringing(List<CallProgressEvent> events) {
        return events.stream().filter(e -> e instanceof CallProgressEvent.Status s && s.status() == DialStatus.RINGING)
                .map(e -> (CallProgressEvent.Status) e).findFirst();
    }

    static Optional<CallProgressEvent.Answer> answer(List<CallProgressEvent> events) {
        return events.stream().filter(e -> e instanceof CallProgressEvent.Answer).map(e -> (CallProgressEvent.Answer) e)
                .findFirst();
    }

    static Optional<CallProgressEvent.LeaveMessage> cue(List<CallProgressEvent> events) {
        return events.stream().filter(e -> e instanceof CallProgressEvent.LeaveMessage)
                .map(e -> (CallProgressEvent.LeaveMessage) e).findFirst();
    }

    static float[] concat(float[]... parts) {
        return CallProgressTones.concat(List.of(parts));
    }

    static float[] silence(int ms) {
        return CallProgressTones.silence(ms);
    }
}
