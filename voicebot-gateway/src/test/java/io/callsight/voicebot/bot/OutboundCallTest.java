package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.Outcome;
import io.callsight.tts.Voice;
import io.callsight.voicebot.client.CalleeAudio;
import io.callsight.voicebot.client.TwilioImitator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound appointment reminder over the real gateway: the line rings, then a person, a voicemail or a busy
 * signal; the bot must tell which from the audio, act on it, and report the dial status.
 */
class OutboundCallTest {
    private static BotFixture bot;
    private static CallerVoice callee;

    @BeforeAll
    static void start() throws Exception {
        bot = new BotFixture("shield-insurance");
        callee = new CallerVoice(bot.synthesizer, Voice.CALLER_BRISK);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static BotSessionReport dial(byte[] line, boolean botHangsUp) throws Exception {
        bot.reports.clear();
        try (TwilioImitator twilio = bot.call("appointment-reminder", line)) {
            if (botHangsUp) {
                assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(40)), "the bot ends the call");
            } else {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (twilio.played().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                Thread.sleep(1000);
                twilio.hangUp().get(10, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), twilio.errors());
        }
        return bot.reports.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void aPersonAnswersAndTheReminderStarts() throws Exception {
        byte[] line = new CalleeAudio().ringback(6000).silence(300).speech(callee.say("Hello?")).silence(200).ulaw();
        BotSessionReport report = dial(line, false);
        assertEquals("ANSWERED_HUMAN", report.dialStatus(), report.toString());
        assertTrue(report.dialDecidedMs() < 6300 + 5000, "decided within 5 s of the answer: " + report.dialDecidedMs());
        assertEquals("GREETING", report.session().turns().get(0).result().name(), report.toString());
    }

    @Test
    void aVoicemailGetsTheFlowsMessageAfterTheBeep() throws Exception {
        byte[] line = new CalleeAudio().ringback(2000).silence(500)
                .speech(callee.say("Hi, you've reached Sam Parker. I can't take your call right now, please leave a message after the tone."))
                .silence(300).beep(400).ulaw();
        BotSessionReport report = dial(line, true);
        assertEquals("ANSWERED_MACHINE", report.dialStatus(), report.toString());
        assertEquals(Outcome.Kind.VOICEMAIL, report.session().outcome().kind(), report.toString());
        assertTrue(report.turns().stream().anyMatch(t -> t.trigger().equals("voicemail") && t.playedMs() > 3000), report.toString());
    }

    @Test
    void aBusyLineIsHungUpOnWithoutAWord() throws Exception {
        BotSessionReport report = dial(new CalleeAudio().busy(8000).ulaw(), true);
        assertEquals("BUSY", report.dialStatus(), report.toString());
        assertTrue(report.dialDecidedMs() < 5000, report.toString());
        assertEquals(List.of(), report.turns(), "the bot said nothing");
    }
}
