package io.callsight.tts.prompt;

import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt.PromptSentence;
import java.util.Optional;

/** Gives a sentence's telephony frames: from the cache when it is static and there, else from the engine. */
final class SentenceRenderer {
    private final SpeechSynthesizer engine;
    private final PromptCache cache;

    SentenceRenderer(SpeechSynthesizer engine, PromptCache cache) {
        this.engine = engine;
        this.cache = cache;
    }

    Optional<byte[]> cached(PromptSentence sentence, Voice voice) {
        return sentence.cacheable() ? cache.get(key(sentence, voice)) : Optional.empty();
    }

    /** Runs the engine (the slow part, ~0.4 s a sentence with MaryTTS) and caches static sentences. */
    byte[] synthesize(PromptSentence sentence, Voice voice) {
        byte[] frames = TelephonyEncoder.encodeSentence(engine.synthesize(sentence.text(), voice), engine.sampleRate());
        if (sentence.cacheable()) {
            cache.put(key(sentence, voice), frames);
        }
        return frames;
    }

    private SentenceKey key(PromptSentence sentence, Voice voice) {
        return new SentenceKey(engine.engineVersion(), voice.fingerprint(), sentence.text());
    }
}
