package io.callsight.voicebot.client;

import io.callsight.asr.audio.G711;
import io.callsight.asr.callprogress.CallProgressTones;
import io.callsight.asr.callprogress.TonePlan;
import io.callsight.asr.callprogress.ToneKind;
import io.callsight.asr.callprogress.ToneSpec;
import java.io.ByteArrayOutputStream;

/**
 * What the bot hears on an outbound call before and as it is answered, as the far end of a phone line sends it
 * (μ-law 8 kHz): ringback, busy, special information tones, a fax answer tone, a voicemail beep, line silence, and
 * recorded speech. For {@code callsight call} and the outbound tests; the tones are the North American precise plan.
 */
public final class CalleeAudio {
    private static final double TONE_DBFS = -16;
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();

    public CalleeAudio ringback(int ms) {
        return tone(ToneKind.RINGBACK, ms);
    }

    public CalleeAudio busy(int ms) {
        return tone(ToneKind.BUSY, ms);
    }

    /** The "number not in service" intercept: SIT (Telcordia SR-2275 intercept), then silence. */
    public CalleeAudio sit() {
        var code = CallProgressTones.sitCode(io.callsight.asr.callprogress.SitCategory.INTERCEPT);
        return pcm(CallProgressTones.sit(code.hz(), code.segmentMs(), 1000, TONE_DBFS, 0));
    }

    /** A fax machine answering: the 2100 Hz answer tone. */
    public CalleeAudio faxAnswer(int ms) {
        return pcm(CallProgressTones.answerTone(ms, TONE_DBFS, 0, false));
    }

    public CalleeAudio beep(int ms) {
        return pcm(CallProgressTones.beep(1000, ms, -12));
    }

    public CalleeAudio silence(int ms) {
        byte[] s = new byte[ms * 8];
        java.util.Arrays.fill(s, (byte) 0xFF);
        audio.write(s, 0, s.length);
        return this;
    }

    public CalleeAudio speech(byte[] ulaw) {
        audio.write(ulaw, 0, ulaw.length);
        return this;
    }

    public byte[] ulaw() {
        return audio.toByteArray();
    }

    private CalleeAudio tone(ToneKind kind, int ms) {
        ToneSpec spec = TonePlan.northAmerica().tones().stream().filter(t -> t.kind() == kind).findFirst().orElseThrow();
        return pcm(CallProgressTones.cadenced(spec, ms, 0, TONE_DBFS, 0));
    }

    private CalleeAudio pcm(float[] samples) {
        for (float f : samples) {
            audio.write(G711.ulawEncode((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(f)))));
        }
        return this;
    }
}
