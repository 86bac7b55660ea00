package io.callsight.asr.recognition;

/**
 * A speech-to-text engine. One instance is shared (it holds the model); each audio stream gets its own
 * {@link Stream}, which is not thread safe and must be closed to release native memory.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** Sample rate the engine wants its PCM16 input at. */
    int sampleRate();

    Stream openStream();

    @Override
    void close();

    interface Stream extends AutoCloseable {
        /** Feeds audio at {@link SpeechRecognizer#sampleRate()}; returns the segments it completed, often none. */
        java.util.List<RecognizedSegment> accept(short[] pcm);

        /**
         * Finalizes what was heard so far (end of a speech segment, or of the track) and returns it; the stream
         * stays usable for more audio.
         */
        java.util.List<RecognizedSegment> finish();

        /**
         * The hypothesis for the audio fed since the last final result, without finishing it; {@link
         * RecognizedPartial#NONE} when there is none, and from engines that give no partial results.
         */
        default RecognizedPartial partial() {
            return RecognizedPartial.NONE;
        }

        @Override
        void close();
    }
}
