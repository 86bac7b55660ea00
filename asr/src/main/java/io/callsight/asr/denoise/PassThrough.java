package io.callsight.asr.denoise;

/** No suppression: returns its input unchanged, with no delay. The baseline every suppressor is measured against. */
public final class PassThrough implements NoiseSuppressor {
    private final int sampleRate;

    public PassThrough(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public short[] process(short[] pcm) {
        return pcm.clone();
    }

    @Override
    public short[] flush() {
        return new short[0];
    }

    @Override
    public void reset() {
    }

    @Override
    public int latencySamples() {
        return 0;
    }

    @Override
    public String name() {
        return "none";
    }
}
