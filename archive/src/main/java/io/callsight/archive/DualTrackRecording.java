package io.callsight.archive;

import io.callsight.asr.audio.AudioFormatException;
import io.callsight.asr.audio.Pcm;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A call as one stereo recording: the customer (the external party) on the left channel, the agent or bot (the
 * internal party) on the right, the way softswitches and the importer lay calls out. Both channels share the call's
 * time line: each frame is placed at its start time, a gap (lost frames, a paused stream) stays silent, and a frame
 * delivered twice (a replay) is placed once.
 */
public final class DualTrackRecording {
    private final int sampleRate;
    private final AudioCodec codec;
    private final short[] customer;
    private final short[] internal;

    private DualTrackRecording(int sampleRate, AudioCodec codec, short[] customer, short[] internal) {
        this.sampleRate = sampleRate;
        this.codec = codec;
        this.customer = customer;
        this.internal = internal;
    }

    /**
     * The call's frames (any order, any mix of tracks) on one time line starting at the earliest frame. Frames must
     * share one sample rate; the recording keeps the codec they came in when they share one, else it is PCM16.
     * An agent and a bot on the same call (a transfer) share the right channel, mixed.
     */
    public static DualTrackRecording fromFrames(Collection<AudioFrame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one frame");
        }
        List<AudioFrame> ordered = frames.stream()
                .sorted(Comparator.comparing(AudioFrame::track).thenComparingLong(AudioFrame::seq)).toList();
        int rate = ordered.get(0).sampleRate();
        Set<AudioCodec> codecs = new HashSet<>();
        long originMs = Long.MAX_VALUE;
        long endSample = 0;
        for (AudioFrame f : ordered) {
            if (f.sampleRate() != rate) {
                throw new IllegalArgumentException("call " + f.callId() + " mixes sample rates (" + rate + " and "
                        + f.sampleRate() + " Hz, track " + f.track() + " frame " + f.seq() + ")");
            }
            codecs.add(f.codec());
            originMs = Math.min(originMs, f.startMs());
        }
        for (AudioFrame f : ordered) {
            endSample = Math.max(endSample, offset(f, originMs, rate) + f.payload().length / f.codec().bytesPerSample());
        }
        if (endSample > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("call " + ordered.get(0).callId() + " is too long to archive as one file");
        }
        short[] customer = new short[(int) endSample];
        short[] internal = new short[(int) endSample];
        Set<String> placed = new HashSet<>();
        for (AudioFrame f : ordered) {
            if (!placed.add(f.track() + "/" + f.seq())) {
                continue; // delivered again after a replay
            }
            short[] pcm = Pcm.decode(f.codec(), f.payload());
            int at = (int) offset(f, originMs, rate);
            if (f.track() == Track.CUSTOMER) {
                System.arraycopy(pcm, 0, customer, at, pcm.length);
            } else {
                for (int i = 0; i < pcm.length; i++) {
                    internal[at + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, internal[at + i] + pcm[i]));
                }
            }
        }
        AudioCodec codec = codecs.size() == 1 ? codecs.iterator().next() : AudioCodec.L16;
        return new DualTrackRecording(rate, codec, customer, internal);
    }

    private static long offset(AudioFrame f, long originMs, int rate) {
        return (f.startMs() - originMs) * rate / 1000;
    }

    /** Reads a recording written by {@link #toWav()}. */
    public static DualTrackRecording fromWav(byte[] wav) throws AudioFormatException {
        WavAudio audio = WavFile.parse(wav);
        if (audio.channels() != 2) {
            throw new AudioFormatException("an archived recording is stereo, this one has " + audio.channels() + " channels");
        }
        return new DualTrackRecording(audio.sampleRate(), audio.codec(), Pcm.decode(audio.codec(), audio.channelBytes()[0]),
                Pcm.decode(audio.codec(), audio.channelBytes()[1]));
    }

    /** Stereo WAV in the call's codec: customer left, agent/bot right. */
    public byte[] toWav() {
        return WavFile.encode(sampleRate, codec, customer, internal);
    }

    /** Mono WAV of one side: {@link Track#CUSTOMER}, or the internal party for {@link Track#AGENT} / {@link Track#BOT}. */
    public byte[] toWav(Track side) {
        return WavFile.encode(sampleRate, codec, pcm(side));
    }

    /** The side's samples (a copy). */
    public short[] pcm(Track side) {
        return Arrays.copyOf(side == Track.CUSTOMER ? customer : internal, customer.length);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public AudioCodec codec() {
        return codec;
    }

    public long durationMs() {
        return customer.length * 1000L / sampleRate;
    }
}
