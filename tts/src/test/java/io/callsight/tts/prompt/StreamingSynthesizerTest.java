package io.callsight.tts.prompt;

import static io.callsight.tts.prompt.TelephonyFormat.FRAME_BYTES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tts.SpeechSynthesisException;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptMetrics.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class StreamingSynthesizerTest {
    /** 5, 3 and 4 words: 500, 300 and 400 ms of tone. */
    private static final String THREE_SENTENCES = "Welcome to Acme Bank today. How are you? Please say something now.";
    private static final int FRAMES_PER_WORD = ScriptedSynthesizer.MS_PER_WORD / TelephonyFormat.FRAME_MS;

    private final List<PromptMetrics> finished = new CopyOnWriteArrayList<>();
    private StreamingSynthesizer tts;

    @AfterEach
    void stop() {
        if (tts != null) {
            tts.close();
        }
    }

    @Test
    void theFirstSentencePlaysWhileTheNextIsStillBeingSynthesized() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.gated();
        tts = new StreamingSynthesizer(engine, PromptCache.none(), 1, finished::add);
        SpeechStream stream = tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER);

        engine.allow(1);
        List<byte[]> firstSentence = take(stream, 5 * FRAMES_PER_WORD);

        assertEquals(5 * FRAMES_PER_WORD, firstSentence.size());
        awaitCalls(engine, 2);
        PromptMetrics midway = stream.metrics();
        assertEquals(Outcome.RUNNING, midway.outcome());
        assertEquals(1, midway.sentencesSynthesized(), "only the first sentence is done");
        assertTrue(midway.timeToFirstFrame().isPresent());

        engine.allow(2);
        List<byte[]> rest = drain(stream);
        int pauses = 2 * TelephonyEncoder.sentencePauseFrames();
        assertEquals((3 + 4) * FRAMES_PER_WORD + pauses, rest.size());
        assertEquals(Outcome.COMPLETED, stream.metrics().outcome());
    }

    @Test
    void everyFrameIsOneHundredSixtyBytesAndThePromptIsTwentyMillisecondsAFrame() throws InterruptedException {
        tts = new StreamingSynthesizer(ScriptedSynthesizer.instant(), PromptCache.none());
        SpeechStream stream = tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER);

        List<byte[]> frames = drain(stream);
        assertTrue(frames.stream().allMatch(f -> f.length == FRAME_BYTES));
        PromptMetrics metrics = stream.metrics();
        assertEquals(frames.size(), metrics.frames());
        long speechMs = 12L * ScriptedSynthesizer.MS_PER_WORD + 2L * TelephonyEncoder.SENTENCE_PAUSE_MS;
        assertEquals(speechMs, metrics.audio().toMillis());
    }

    @Test
    void cancellingMidPromptStopsSynthesisOfTheRest() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.gated();
        tts = new StreamingSynthesizer(engine, PromptCache.none(), 1, finished::add);
        SpeechStream stream = tts.speak(Prompt.fixed("One two. Three four. Five six. Seven eight. Nine ten."), Voice.CUSTOMER);
        engine.allow(1);
        assertTrue(stream.next().isPresent());
        awaitCalls(engine, 2); // the second sentence is inside the engine: it cannot be stopped

        stream.cancel();
        engine.allow(10);
        Thread.sleep(200);

        assertEquals(2, engine.calls(), "synthesized after cancel: " + engine.spoken);
        assertEquals(Optional.empty(), stream.next(), "no frame is played after a barge-in");
        assertEquals(Outcome.CANCELLED, stream.metrics().outcome());
        assertEquals(List.of(Outcome.CANCELLED), finished.stream().map(PromptMetrics::outcome).toList());
    }

    @Test
    void cancellingAFullySynthesizedPromptDropsTheFramesNotYetPlayed() throws InterruptedException {
        tts = new StreamingSynthesizer(ScriptedSynthesizer.instant(), PromptCache.inMemory(1 << 20));
        drain(tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER));
        SpeechStream replay = tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER); // all frames queued at once

        assertTrue(replay.next().isPresent());
        replay.cancel();
        assertEquals(Optional.empty(), replay.next());
        assertEquals(Outcome.COMPLETED, replay.metrics().outcome(), "synthesis itself had completed");
    }

    @Test
    void aCancelledPromptWaitingForTheWorkerIsNeverSynthesized() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.gated();
        tts = new StreamingSynthesizer(engine, PromptCache.none());
        SpeechStream busy = tts.speak(Prompt.fixed("First caller hears this."), Voice.CUSTOMER);
        awaitCalls(engine, 1);
        SpeechStream waiting = tts.speak(Prompt.fixed("Second caller hung up."), Voice.CUSTOMER);

        waiting.cancel();
        engine.allow(10);
        drain(busy);
        Thread.sleep(100);

        assertEquals(List.of("First caller hears this."), engine.spoken);
    }

    @Test
    void aNewPromptsFirstSentenceGoesAheadOfOtherPromptsContinuations() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.gated();
        tts = new StreamingSynthesizer(engine, PromptCache.none());
        tts.speak(Prompt.fixed("A one. A two."), Voice.CUSTOMER);
        awaitCalls(engine, 1);
        tts.speak(Prompt.fixed("B one. B two."), Voice.CUSTOMER);
        engine.allow(1); // A one done: A two queues behind B one, which starts
        awaitCalls(engine, 2);
        tts.speak(Prompt.fixed("C one."), Voice.CUSTOMER); // queued after A two

        engine.allow(10);
        awaitCalls(engine, 5);
        assertEquals(List.of("A one.", "B one.", "C one.", "A two.", "B two."), engine.spoken);
    }

    @Test
    void aCachedPromptGivesTheSameFramesWithoutTheEngineAndBeforeSpeakReturns() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.instant();
        tts = new StreamingSynthesizer(engine, PromptCache.inMemory(1 << 20));
        List<byte[]> cold = drain(tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER));
        assertEquals(3, engine.calls());

        SpeechStream cached = tts.speak(Prompt.fixed(THREE_SENTENCES), Voice.CUSTOMER);
        assertEquals(Outcome.COMPLETED, cached.metrics().outcome(), "all frames were ready when speak returned");
        List<byte[]> warm = drain(cached);

        assertEquals(3, engine.calls(), "the engine was called again");
        assertFramesEqual(cold, warm);
        assertEquals(3, cached.metrics().sentencesFromCache());
        assertEquals(0, cached.metrics().synthesisTime().toNanos());
    }

    @Test
    void anotherVoiceOrEngineVersionIsACacheMiss() throws InterruptedException {
        PromptCache cache = PromptCache.inMemory(1 << 20);
        ScriptedSynthesizer v1 = ScriptedSynthesizer.version("engine-1");
        tts = new StreamingSynthesizer(v1, cache);
        drain(tts.speak(Prompt.fixed("Hello there."), Voice.CUSTOMER));
        drain(tts.speak(Prompt.fixed("Hello there."), Voice.AGENT));
        assertEquals(2, v1.calls());
        tts.close();

        ScriptedSynthesizer v2 = ScriptedSynthesizer.version("engine-2");
        tts = new StreamingSynthesizer(v2, cache);
        drain(tts.speak(Prompt.fixed("Hello there."), Voice.CUSTOMER));
        assertEquals(1, v2.calls());
    }

    @Test
    void aTemplateCachesItsStaticSentencesAndSpeaksSlotValuesLive() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.instant();
        PromptCache cache = PromptCache.inMemory(1 << 20);
        tts = new StreamingSynthesizer(engine, cache);
        String template = "Thank you. Your balance is {amount} dollars. Anything else?";

        drain(tts.speak(Prompt.template(template, Map.of("amount", "3.50")), Voice.CUSTOMER));
        drain(tts.speak(Prompt.template(template, Map.of("amount", "12")), Voice.CUSTOMER));

        assertEquals(List.of("Thank you.", "Your balance is 3.50 dollars.", "Anything else?",
                "Your balance is 12 dollars."), engine.spoken);
        assertEquals(2, cache.stats().entries(), "a sentence with a slot value was cached");
    }

    @Test
    void warmUpSynthesizesEachStaticSentenceOnceAndCallsThenNeedNoEngine() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.instant();
        tts = new StreamingSynthesizer(engine, PromptCache.inMemory(1 << 20));
        List<Prompt> flowPrompts = List.of(Prompt.fixed("Welcome. How can I help?"), Prompt.fixed("Goodbye."),
                Prompt.template("Welcome. Your card ends in {digits}.", Map.of("digits", "1234")));

        StreamingSynthesizer.WarmUpReport first = tts.warmUp(flowPrompts, Voice.CUSTOMER);
        StreamingSynthesizer.WarmUpReport second = tts.warmUp(flowPrompts, Voice.CUSTOMER);

        assertEquals(3, first.synthesized());
        assertEquals(1, first.alreadyCached(), "\"Welcome.\" appears twice");
        assertEquals(1, first.liveSentences());
        assertEquals(0, second.synthesized());
        drain(tts.speak(flowPrompts.get(0), Voice.CUSTOMER));
        assertEquals(3, engine.calls());
    }

    @Test
    void anEngineFailureEndsTheStreamAfterTheFramesMadeBeforeIt() throws InterruptedException {
        tts = new StreamingSynthesizer(ScriptedSynthesizer.instant(), PromptCache.none(), 1, finished::add);
        SpeechStream stream = tts.speak(Prompt.fixed("This works fine. This will FAIL."), Voice.CUSTOMER);

        List<byte[]> frames = new ArrayList<>();
        SpeechSynthesisException failure = assertThrows(SpeechSynthesisException.class, () -> {
            for (Optional<byte[]> f = stream.next(); f.isPresent(); f = stream.next()) {
                frames.add(f.get());
            }
        });
        assertEquals(3 * FRAMES_PER_WORD, frames.size());
        assertTrue(failure.getCause().getMessage().contains("scripted failure"));
        assertEquals(Outcome.FAILED, stream.metrics().outcome());
        assertEquals(1, finished.size());
    }

    @Test
    void anEmptyPromptEndsAtOnceWithoutAFirstFrame() throws InterruptedException {
        tts = new StreamingSynthesizer(ScriptedSynthesizer.instant(), PromptCache.none());
        SpeechStream stream = tts.speak(Prompt.fixed("   "), Voice.CUSTOMER);
        assertEquals(Optional.empty(), stream.next());
        assertEquals(Outcome.COMPLETED, stream.metrics().outcome());
        assertFalse(stream.metrics().timeToFirstFrame().isPresent());
    }

    @Test
    void closingTheSynthesizerEndsPromptsStillWaitingForIt() throws InterruptedException {
        ScriptedSynthesizer engine = ScriptedSynthesizer.gated();
        tts = new StreamingSynthesizer(engine, PromptCache.none());
        tts.speak(Prompt.fixed("Running."), Voice.CUSTOMER);
        awaitCalls(engine, 1);
        SpeechStream waiting = tts.speak(Prompt.fixed("Waiting."), Voice.CUSTOMER);

        tts.close();
        assertEquals(Optional.empty(), waiting.next());
        assertEquals(Outcome.CANCELLED, waiting.metrics().outcome());
    }

    @Test
    void aMissingSlotValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Prompt.template("Hello {name}.", Map.of()));
        assertTrue(e.getMessage().contains("{name}"), e.getMessage());
    }

    private static List<byte[]> take(SpeechStream stream, int count) throws InterruptedException {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(stream.next().orElseThrow());
        }
        return frames;
    }

    private static List<byte[]> drain(SpeechStream stream) throws InterruptedException {
        List<byte[]> frames = new ArrayList<>();
        for (Optional<byte[]> frame = stream.next(); frame.isPresent(); frame = stream.next()) {
            frames.add(frame.get());
        }
        return frames;
    }

    private static void awaitCalls(ScriptedSynthesizer engine, int calls) throws InterruptedException {
        while (engine.calls() < calls) {
            Thread.sleep(5);
        }
    }

    private static void assertFramesEqual(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }
}
