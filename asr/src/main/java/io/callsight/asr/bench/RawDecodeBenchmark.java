package io.callsight.asr.bench;

import io.callsight.asr.audio.AudioFormatException;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.RecordedTrack;
import io.callsight.asr.recognition.StreamingTranscription;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The engine alone, one thread: codec decode → front-end → resampler → Vosk, no Kafka, Flink or Elasticsearch.
 * The baseline {@code callsight bench asr} holds the full platform path against, in the same run.
 */
public final class RawDecodeBenchmark {
    private RawDecodeBenchmark() {
    }

    /** {@code frameMs}: the frames are cut as {@code import} cuts them, so the decoder sees what the job sees. */
    public record Options(FrontEndConfig frontEnd, int frameMs) {
        public static Options defaults() {
            return new Options(FrontEndConfig.defaults(), 100);
        }
    }

    /** Every track of every call; only the decoding is timed, not reading and slicing the WAVs. */
    public static DecodeRun run(Options options, List<ReferenceCall> corpus, PrintStream out)
            throws IOException, AudioFormatException {
        out.println("(a) raw decode...");
        double audioSeconds = 0;
        long wallNanos = 0;
        WordErrorRate.Score score = WordErrorRate.Score.ZERO;
        try (VoskRecognizer recognizer = VoskRecognizer.withDefaultModel()) {
            for (ReferenceCall call : corpus) {
                WavAudio audio = WavFile.read(call.wav());
                for (int channel = 0; channel < audio.channels(); channel++) {
                    Track track = Track.forChannel(channel);
                    List<AudioFrame> frames = new RecordedTrack("bench", "raw", track, audio.codec(),
                            audio.sampleRate(), audio.channelBytes()[channel]).frames(options.frameMs());
                    long start = System.nanoTime();
                    List<Utterance> said = StreamingTranscription.transcribe(recognizer, "bench", "raw", track,
                            options.frontEnd(), frames);
                    wallNanos += System.nanoTime() - start;
                    audioSeconds += audio.durationMs() / 1000.0;
                    score = score.plus(WordErrorRate.score(call.script(track),
                            said.stream().map(Utterance::text).collect(Collectors.joining(" "))));
                }
            }
        }
        return new DecodeRun(audioSeconds, wallNanos / 1e9, score);
    }
}
