package io.callsight.tts;

import io.callsight.asr.audio.Pcm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Reads Java Sound streams into plain PCM16 arrays. */
final class AudioStreams {
    private AudioStreams() {
    }

    /** The mono, signed, 16-bit little-endian format the rest of Callsight works with, at {@code rate} Hz. */
    static AudioFormat pcm16Mono(float rate) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, 1, 2, rate, false);
    }

    /** Reads the whole stream as mono PCM16, converting it first if it comes in another layout. */
    static short[] readPcm16Mono(AudioInputStream stream) throws IOException {
        AudioFormat target = pcm16Mono(stream.getFormat().getSampleRate());
        AudioInputStream pcm = stream.getFormat().matches(target)
                ? stream
                : AudioSystem.getAudioInputStream(target, stream);
        return Pcm.fromLittleEndian(readFully(pcm));
    }

    /**
     * Reads to end of stream. A single {@code read} or even {@code readAllBytes} on MaryTTS streams has come
     * back short, so this loops until the stream itself reports its end.
     */
    private static byte[] readFully(AudioInputStream stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = stream.read(chunk)) != -1) {
            out.write(chunk, 0, n);
        }
        byte[] bytes = out.toByteArray();
        // A dangling odd byte is half a sample: drop it rather than fail on it.
        return bytes.length % 2 == 0 ? bytes : java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
}
