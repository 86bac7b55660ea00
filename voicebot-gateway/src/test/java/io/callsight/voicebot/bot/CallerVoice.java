package io.callsight.voicebot.bot;

import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt;
import io.callsight.tts.prompt.SpeechStream;
import io.callsight.tts.prompt.StreamingSynthesizer;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** A scripted caller's line as μ-law 8 kHz, trailing near-silence cut so the clip ends where the speech does. */
final class CallerVoice {
    private final StreamingSynthesizer synthesizer;
    private final Voice voice;

    CallerVoice(StreamingSynthesizer synthesizer, Voice voice) {
        this.synthesizer = synthesizer;
        this.voice = voice;
    }

    byte[] say(String text) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SpeechStream s = synthesizer.speak(Prompt.fixed(text), voice)) {
            Optional<byte[]> f;
            while ((f = s.next()).isPresent()) {
                out.write(f.get(), 0, f.get().length);
            }
        }
        return out.toByteArray();
    }
}
