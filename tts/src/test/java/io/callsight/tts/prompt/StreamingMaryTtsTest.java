package io.callsight.tts.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real MaryTTS behind the streaming synthesizer: one cold prompt and one from the cache (~2 s of synthesis). */
class StreamingMaryTtsTest {
    private static final String PROMPT = "Thank you for calling. Your call may be recorded. How can I help you today?";

    @Test
    void theFirstFrameComesLongBeforeTheLastAndTheCachedPromptAtOnce() throws InterruptedException {
        MaryTtsSynthesizer mary = new MaryTtsSynthesizer();
        try (StreamingSynthesizer tts = new StreamingSynthesizer(mary, PromptCache.inMemory(1 << 20))) {
            SpeechStream cold = tts.speak(Prompt.fixed(PROMPT), Voice.CUSTOMER);
            byte[] coldAudio = readAll(cold);
            PromptMetrics coldMetrics = cold.metrics();
            long firstMs = coldMetrics.timeToFirstFrame().orElseThrow().toMillis();
            long lastMs = coldMetrics.elapsed().toMillis();
            System.out.printf("MaryTTS streamed: first frame %d ms, last %d ms, %d ms of audio%n",
                    firstMs, lastMs, coldMetrics.audio().toMillis());
            // Three sentences of similar length: the first frame waits for one of them, not for all three.
            assertTrue(firstMs < lastMs * 0.6, "first frame at " + firstMs + " ms of " + lastMs + " ms");
            assertTrue(coldMetrics.audio().toMillis() > 3000, "too little audio: " + coldMetrics.audio());
            assertTrue(rms(G711.ulawDecode(coldAudio)) > 300, "the frames are nearly silent");

            SpeechStream cached = tts.speak(Prompt.fixed(PROMPT), Voice.CUSTOMER);
            byte[] cachedAudio = readAll(cached);
            assertEquals(3, cached.metrics().sentencesFromCache());
            assertTrue(cached.metrics().timeToFirstFrame().orElseThrow().toMillis() < 50);
            assertEquals(java.util.HexFormat.of().formatHex(coldAudio), java.util.HexFormat.of().formatHex(cachedAudio));
        }
    }

    private static byte[] readAll(SpeechStream stream) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Optional<byte[]> frame = stream.next(); frame.isPresent(); frame = stream.next()) {
            assertEquals(TelephonyFormat.FRAME_BYTES, frame.get().length);
            out.writeBytes(frame.get());
        }
        return out.toByteArray();
    }

    private static double rms(short[] audio) {
        double sum = 0;
        for (short s : audio) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / audio.length);
    }
}
