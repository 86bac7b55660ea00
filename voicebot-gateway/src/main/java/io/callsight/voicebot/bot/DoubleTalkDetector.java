package io.callsight.voicebot.bot;

/**
 * Whether voiced audio on the caller's track while the bot speaks is the caller (double talk) or the bot's own prompt
 * coming back (echo): the Geigel test of line echo cancellers, near-end peak against the far-end peak. Geigel's
 * classic threshold is 6 dB (half the far-end peak); here it is 12 dB, because the near end is judged on the first
 * ~200 ms of a word, quieter than the prompt's peak over whole sentences (a caller voice at the bot's level reached
 * 0.3–0.6 of it in the tests), while the echo of a digital handset or an echo-cancelled line comes back 15–30 dB down.
 * A line with worse echo only costs a pause: the words then show it was echo ({@link EchoGuard}) and the bot goes on.
 *
 * <p>It only decides whether the bot may stop at the onset of caller speech, before any word is recognized; a
 * quiet caller it misses still barges in once the recognizer has their words ({@link EchoGuard} then checks them).
 */
final class DoubleTalkDetector {
    /** Near-end peak at least this share of the far-end peak (12 dB) is the caller talking. */
    static final double THRESHOLD = 0.25;

    /** Caller audio the near-end peak is taken over: the onset burst the voice detector just confirmed. */
    private static final int NEAR_END_CHUNKS = 10;

    private int farEndPeak;
    private final int[] nearEndPeaks = new int[NEAR_END_CHUNKS];
    private int next;

    /** Bot audio handed out for playback (μ-law). */
    void played(byte[] ulaw) {
        for (byte b : ulaw) {
            farEndPeak = Math.max(farEndPeak, Math.abs(io.callsight.voicebot.Ulaw.toLinear(b)));
        }
    }

    /** Caller audio (μ-law) as it arrives, one chunk (about 20 ms) at a time. */
    void heard(byte[] ulaw) {
        int peak = 0;
        for (byte b : ulaw) {
            peak = Math.max(peak, Math.abs(io.callsight.voicebot.Ulaw.toLinear(b)));
        }
        nearEndPeaks[next] = peak;
        next = (next + 1) % NEAR_END_CHUNKS;
    }

    /** A new bot turn: its own peak. */
    void promptStarted() {
        farEndPeak = 0;
    }

    /** Over the caller's last ~200 ms. */
    boolean callerTalking() {
        int near = 0;
        for (int p : nearEndPeaks) {
            near = Math.max(near, p);
        }
        return farEndPeak == 0 || near >= THRESHOLD * farEndPeak;
    }
}
