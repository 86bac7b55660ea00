package io.callsight.voicebot.bot;

import io.callsight.tts.Voice;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.client.CallerSpeech;

/** A scripted caller of the bot tests: one voice, lines cut where the speech ends ({@link CallerSpeech}). */
final class CallerVoice {
    private final StreamingSynthesizer synthesizer;
    private final Voice voice;

    CallerVoice(StreamingSynthesizer synthesizer, Voice voice) {
        this.synthesizer = synthesizer;
        this.voice = voice;
    }

    byte[] say(String text) throws InterruptedException {
        return CallerSpeech.say(synthesizer, voice, text);
    }
}
