package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.Outcome;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.client.TwilioImitator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole bot on the real gateway: Vosk hears the caller, the demo tenant's flow and intents decide, MaryTTS
 * speaks, the imitator plays Twilio. The caller's lines are MaryTTS too, in a caller voice.
 */
class BotConversationTest {
    private static BotFixture bot;
    private static CallerVoice caller;
    private static LinkedBlockingQueue<BotSessionReport> reports;
    private static StreamingSynthesizer synthesizer;

    @BeforeAll
    static void start() throws Exception {
        bot = new BotFixture("acme-bank");
        bot.brain.warmUp(List.of(bot.flows.flow("acme-bank", "balance-and-cards").orElseThrow()));
        synthesizer = bot.synthesizer;
        reports = bot.reports;
        caller = new CallerVoice(synthesizer, Voice.CALLER_LOW);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static TwilioImitator call(String flow) {
        return bot.call(flow, null);
    }

    @Test
    void reportsALostCardAndIsPutThroughToTheCardsTeam() throws Exception {
        reports.clear();
        byte[] lostCard = caller.say("I lost my debit card");
        byte[] confirm = caller.say("yes that's right");
        try (TwilioImitator twilio = call("balance-and-cards")) {
            var lost = twilio.sayWhenBotFinishes(lostCard);
            lost.get(30, TimeUnit.SECONDS); // not thenCompose: that would run on the imitator's own thread and block it
            twilio.sayWhenBotFinishes(confirm).get(30, TimeUnit.SECONDS);
            assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(30)), "the bot hangs up after the transfer prompt");
            assertEquals(List.of(), twilio.errors());
            long answer = twilio.firstPlayedAfter(lost.get().endNanos()).orElseThrow() - lost.get().endNanos();
            assertTrue(answer < 2_000_000_000L, "answered " + answer / 1_000_000 + " ms after the caller stopped");
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.TRANSFERRED, report.session().outcome().kind(), report.toString());
        assertEquals("cards", report.session().outcome().queue());
        assertEquals(CallEndReason.BOT_HANG_UP, report.endReason());
        assertTrue(report.turns().stream().anyMatch(t -> t.trigger().equals("speech") && t.responseMs() > 0), report.toString());
    }

    @Test
    void theCallerCutsTheGreetingShortAndIsHeard() throws Exception {
        reports.clear();
        try (TwilioImitator twilio = call("balance-and-cards")) {
            var interrupt = twilio.sayDuringBotAudio(Duration.ofMillis(800), caller.say("I want to check my balance please"));
            interrupt.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (twilio.clearsReceived().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(twilio.clearsReceived().isEmpty(), "the bot stopped talking");
            long stop = twilio.clearsReceived().get(0) - interrupt.get().startNanos();
            assertTrue(stop < 600_000_000L, "clear " + stop / 1_000_000 + " ms after the caller started");
            // the account-number prompt follows the interruption
            var digits = twilio.sayWhenBotFinishes(caller.say("one two three four five six seven eight")).get(30, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (twilio.firstPlayedAfter(digits.endNanos()).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50); // the bot's answer to the digits (its confirmation question)
            }
            twilio.hangUp().get(10, TimeUnit.SECONDS);
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(1, report.bargeIns().size(), report.toString());
        assertTrue(report.session().turns().stream().anyMatch(t -> t.bargedIn()), report.toString());
        var last = report.session().turns().get(report.session().turns().size() - 1);
        assertEquals("ask_account", last.state(), report.toString());
        assertEquals(List.of("I heard 1 2 3 4 5 6 7 8.", "Is that right?"), last.botSaid(), "the digits are read back to confirm");
    }

    /** The greeting coming back on the caller's line 20 dB down (a handset's echo) must not stop it. */
    @Test
    void echoOfTheBotsOwnPromptDoesNotInterruptIt() throws Exception {
        reports.clear();
        byte[] greeting = new CallerVoice(synthesizer, Voice.AGENT).say("Welcome to Acme Bank. How can I help you today?");
        byte[] echo = new byte[greeting.length];
        for (int i = 0; i < greeting.length; i++) {
            echo[i] = io.callsight.asr.audio.G711.ulawEncode((short) (io.callsight.asr.audio.G711.ulawDecode(greeting[i]) / 10));
        }
        try (TwilioImitator twilio = call("balance-and-cards")) {
            twilio.sayDuringBotAudio(Duration.ofMillis(150), echo).get(30, TimeUnit.SECONDS);
            Thread.sleep(1500);
            assertEquals(List.of(), twilio.clearsReceived(), "no clear: the caller never spoke");
            twilio.hangUp().get(10, TimeUnit.SECONDS);
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(List.of(), report.bargeIns(), report.toString());
        assertFalse(report.turns().get(0).interrupted(), report.toString());
    }

    /** A cough stops the bot at once (it may be an interruption) and the prompt goes on where it stopped. */
    @Test
    void aCoughPausesTheBotWhichThenGoesOn() throws Exception {
        reports.clear();
        byte[] cough = new byte[8 * 300]; // a voiced "hm": harmonics of 120 Hz under a smooth envelope, no words
        for (int i = 0; i < cough.length; i++) {
            double t = i / 8000.0;
            double envelope = Math.sin(Math.PI * i / cough.length);
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(2 * Math.PI * 120 * h * t) / h;
            }
            cough[i] = io.callsight.asr.audio.G711.ulawEncode((short) (v * 6000 * envelope));
        }
        try (TwilioImitator twilio = call("balance-and-cards")) {
            twilio.sayDuringBotAudio(Duration.ofMillis(700), cough).get(30, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (twilio.echoedMarks().stream().noneMatch(m -> m.name().endsWith(":end") && !m.byClear())
                    && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            twilio.hangUp().get(10, TimeUnit.SECONDS);
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(1, report.turns().size(), "the greeting played to its end, nothing answered the cough: " + report);
        assertEquals(List.of(), report.bargeIns(), report.toString());
        assertEquals(1, report.pausesResumed(), report.toString());
    }

    @Test
    void refusesACallForAFlowItsTenantDoesNotHave() throws Exception {
        try (TwilioImitator twilio = call("no-such-flow")) {
            assertEquals(1011, twilio.awaitClose(Duration.ofSeconds(10)));
        }
    }
}
