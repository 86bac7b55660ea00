package io.callsight.tts.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.callprogress.CallProgressDetector;
import io.callsight.asr.callprogress.CallProgressEvent;
import io.callsight.asr.callprogress.DialStatus;
import io.callsight.asr.callprogress.TonePlan;
import io.callsight.asr.noise.NoiseType;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answering-machine detection on MaryTTS voices through a noisy μ-law line, built by the benchmark's own generator:
 * two live answers and two voicemail greetings (five syntheses in all, a few seconds with MaryTTS's start).
 */
class DialStatusMaryTtsTest {
    private static DialTestSet generator;

    @BeforeAll
    static void startMary() {
        generator = new DialTestSet(new MaryTtsSynthesizer());
    }

    private static List<CallProgressEvent> detect(DialCase call) {
        CallProgressDetector detector = new CallProgressDetector();
        List<CallProgressEvent> events = new ArrayList<>();
        short[] audio = call.audio();
        for (int i = 0; i + 160 <= audio.length && !detector.done(); i += 160) {
            events.addAll(detector.accept(audio, i, 160));
        }
        events.addAll(detector.finish());
        return events;
    }

    private static CallProgressEvent.Status decision(List<CallProgressEvent> events) {
        return events.stream().filter(e -> e instanceof CallProgressEvent.Status s && s.isFinal())
                .map(e -> (CallProgressEvent.Status) e).findFirst().orElseThrow();
    }

    @Test
    void liveAnswersArePeopleWithinFiveSeconds() {
        DialTestSet.Line line = new DialTestSet.Line(20, NoiseType.PINK, 1);
        DialCase[] calls = {
            generator.human("hello", new SplittableRandom(1), TonePlan.northAmerica(), "Hello?", Voice.CALLER_LOW, line, s -> { }, false),
            generator.human("dana", new SplittableRandom(2), TonePlan.unitedKingdom(), "Hi, this is Dana.", Voice.CUSTOMER, line,
                    s -> { }, false)};
        for (DialCase call : calls) {
            CallProgressEvent.Status decision = decision(detect(call));
            assertEquals(DialStatus.ANSWERED_HUMAN, decision.status(), call.description() + ": " + decision);
            assertTrue(decision.atMs() - call.answeredAtMs() <= 5000, call.description() + ": " + decision);
        }
    }

    @Test
    void voicemailGreetingsAreMachinesAndTheMessageStartsAfterTheBeep() {
        DialTestSet.Line line = new DialTestSet.Line(15, NoiseType.WHITE, 2);
        DialCase beep = generator.machine("dana-vm", new SplittableRandom(3), TonePlan.europe(),
                "You've reached Dana. Please leave a message after the tone.", Voice.AGENT, true, line, s -> { }, false);
        List<CallProgressEvent> events = detect(beep);
        CallProgressEvent.Status decision = decision(events);
        assertEquals(DialStatus.ANSWERED_MACHINE, decision.status(), beep.description() + ": " + decision);
        assertTrue(decision.atMs() - beep.answeredAtMs() <= 5000, decision.toString());
        CallProgressEvent.LeaveMessage cue = events.stream().filter(e -> e instanceof CallProgressEvent.LeaveMessage)
                .map(e -> (CallProgressEvent.LeaveMessage) e).findFirst().orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(CallProgressEvent.CueReason.BEEP, cue.reason(), beep.description());
        assertTrue(cue.atMs() >= beep.beepEndMs() && cue.atMs() <= beep.beepEndMs() + 150, cue + " vs beep end " + beep.beepEndMs());

        DialCase noBeep = generator.machine("sam-vm", new SplittableRandom(4), TonePlan.northAmerica(),
                "Hi, you've reached Sam Parker, I can't take your call right now, please leave a message after the tone.",
                Voice.CALLER_BRISK, false, line, s -> { }, false);
        List<CallProgressEvent> quiet = detect(noBeep);
        assertEquals(DialStatus.ANSWERED_MACHINE, decision(quiet).status(), noBeep.description());
        CallProgressEvent.LeaveMessage fallback = quiet.stream().filter(e -> e instanceof CallProgressEvent.LeaveMessage)
                .map(e -> (CallProgressEvent.LeaveMessage) e).findFirst().orElseThrow();
        assertEquals(CallProgressEvent.CueReason.SILENCE, fallback.reason());
        assertTrue(fallback.atMs() > noBeep.greetingEndMs(), "the message must not start during the greeting");
    }
}
