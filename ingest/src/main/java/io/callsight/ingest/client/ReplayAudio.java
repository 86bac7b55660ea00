package io.callsight.ingest.client;

import io.callsight.asr.audio.AudioFormatException;
import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Pcm;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A call as a softswitch would stream it: both sides in μ-law at 8 kHz, {@code external} = the customer (a
 * recording's left channel, as {@code RecordingReader} reads it), {@code internal} = the agent (right). A mono
 * recording is the customer alone, with a silent agent side.
 */
public final class ReplayAudio {
    public static final int RATE = 8000;
    private static final byte ULAW_SILENCE = (byte) 0xFF;

    private final String name;
    private final byte[] external;
    private final byte[] internal;

    public ReplayAudio(String name, byte[] externalUlaw, byte[] internalUlaw) {
        if (externalUlaw.length != internalUlaw.length) {
            throw new IllegalArgumentException("both sides must have the same number of samples");
        }
        this.name = name;
        this.external = externalUlaw;
        this.internal = internalUlaw;
    }

    /** Reads a WAV recording (PCM16, μ-law or A-law; 8 or 16 kHz; mono or stereo). */
    public static ReplayAudio read(Path wav) throws IOException {
        WavAudio audio;
        try {
            audio = WavFile.read(wav);
        } catch (NoSuchFileException e) {
            throw new IOException(wav + ": no such file", e);
        } catch (AudioFormatException e) {
            throw new IOException(wav + ": " + e.getMessage(), e);
        }
        if (audio.sampleRate() != 8000 && audio.sampleRate() != 16000) {
            throw new IOException(wav + ": unsupported sample rate " + audio.sampleRate() + " Hz (8000 or 16000)");
        }
        if (audio.channels() > 2) {
            throw new IOException(wav + ": " + audio.channels() + " channels; a call recording has 1 or 2");
        }
        byte[] customer = toUlaw8k(audio, 0);
        byte[] agent;
        if (audio.channels() == 2) {
            agent = toUlaw8k(audio, 1);
        } else {
            agent = new byte[customer.length];
            Arrays.fill(agent, ULAW_SILENCE);
        }
        int n = Math.min(customer.length, agent.length);
        return new ReplayAudio(wav.getFileName().toString(), Arrays.copyOf(customer, n), Arrays.copyOf(agent, n));
    }

    private static byte[] toUlaw8k(WavAudio audio, int channel) {
        if (audio.codec() == AudioCodec.PCMU && audio.sampleRate() == RATE) {
            return audio.channelBytes()[channel]; // forwarded untouched, as a softswitch would
        }
        short[] pcm = Pcm.decode(audio.codec(), audio.channelBytes()[channel]);
        if (audio.sampleRate() != RATE) {
            pcm = Resampler.resample(pcm, audio.sampleRate(), RATE);
        }
        return G711.ulawEncode(pcm);
    }

    /** The first {@code seconds} of this recording (all of it if shorter). */
    public ReplayAudio firstSeconds(int seconds) {
        int n = (int) Math.min(external.length, (long) seconds * RATE);
        return new ReplayAudio(name, java.util.Arrays.copyOf(external, n), java.util.Arrays.copyOf(internal, n));
    }

    public String name() {
        return name;
    }

    public int samples() {
        return external.length;
    }

    public long durationMs() {
        return samples() * 1000L / RATE;
    }

    /** Frames of {@code samplesPerFrame}; the last may be shorter. */
    public int frames(int samplesPerFrame) {
        return (samples() + samplesPerFrame - 1) / samplesPerFrame;
    }

    /**
     * Frame {@code index} as the wire carries it (spec §7): samples interleaved in the order of the selected media's
     * {@code channels}, no header.
     */
    public byte[] frame(int index, int samplesPerFrame, List<String> channels) {
        int from = index * samplesPerFrame;
        int to = Math.min(samples(), from + samplesPerFrame);
        byte[][] sides = new byte[channels.size()][];
        for (int c = 0; c < sides.length; c++) {
            sides[c] = switch (channels.get(c)) {
                case Media.EXTERNAL -> external;
                case Media.INTERNAL -> internal;
                default -> throw new IllegalArgumentException("unknown channel " + channels.get(c));
            };
        }
        byte[] out = new byte[(to - from) * sides.length];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (byte[] side : sides) {
                out[k++] = side[i];
            }
        }
        return out;
    }
}
