package io.callsight.asr.audio;

import io.callsight.events.AudioCodec;

/**
 * The contents of a WAV file, de-interleaved: one byte array per channel, still in the file's encoding, so
 * an importer can forward G.711 untouched while a recognizer decodes it.
 */
public record WavAudio(int sampleRate, AudioCodec codec, byte[][] channelBytes) {

    public int channels() {
        return channelBytes.length;
    }

    public int samplesPerChannel() {
        return channelBytes[0].length / codec.bytesPerSample();
    }

    public long durationMs() {
        return samplesPerChannel() * 1000L / sampleRate;
    }

    /** Channel {@code channel} as linear PCM16. */
    public short[] pcm(int channel) {
        return Pcm.decode(codec, channelBytes[channel]);
    }
}
