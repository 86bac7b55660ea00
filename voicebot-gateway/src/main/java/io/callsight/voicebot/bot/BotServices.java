package io.callsight.voicebot.bot;

import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.turn.CallerTurns;
import io.callsight.dialog.registry.FlowRegistry;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.CallInfo;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every bot call shares: the recognizer model, the synthesizer and its prompt cache, flows, intent models,
 * one worker pool (recognition, dialog, synthesis reading) and one timer thread, and where results go.
 *
 * @param recorders  a call's recorder (Kafka in production, {@link CallRecorder#NONE} in tests)
 * @param sessions   where finished sessions are reported
 */
public record BotServices(SpeechRecognizer recognizer, StreamingSynthesizer synthesizer, Voice voice,
        FlowRegistry flows, CallerIntents intents, CallerTurns.Config turns, ExecutorService workers,
        ScheduledExecutorService timers, Function<CallInfo, CallRecorder> recorders,
        Consumer<BotSessionReport> sessions, Clock clock) {
}
