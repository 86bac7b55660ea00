package io.callsight.events;

/** Payload encodings an {@link AudioFrame} may carry. */
public enum AudioCodec {
    /** G.711 μ-law, one byte per sample. */
    PCMU(1),
    /** G.711 A-law, one byte per sample. */
    PCMA(1),
    /** Linear PCM, signed 16-bit little-endian. */
    L16(2);

    private final int bytesPerSample;

    AudioCodec(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }
}
