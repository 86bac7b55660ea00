package io.callsight.asr.callprogress;

import java.util.List;
import java.util.Objects;

/**
 * The call-progress tones one network sends, as data: a detector listens for every tone of every plan it is
 * given, since an outbound call hears the tones of the network that fails or alerts it (usually the called
 * party's), not the caller's.
 *
 * @param name     short name ("US")
 * @param standard where the frequencies and cadences come from
 * @param tones    ringback, busy and congestion tones
 */
public record TonePlan(String name, String standard, List<ToneSpec> tones) {
    public TonePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(standard, "standard");
        tones = List.copyOf(tones);
        if (tones.isEmpty()) {
            throw new IllegalArgumentException(name + ": a tone plan needs at least one tone");
        }
    }

    /**
     * The North American precise tone plan (the Bell System plan, as listed for the United States in ITU-T E.180
     * Supplement 2): ringback 440+480 Hz 2 s on 4 s off, busy 480+620 Hz 0.5/0.5 s, reorder (fast busy) 480+620 Hz
     * 0.25/0.25 s.
     */
    public static TonePlan northAmerica() {
        return new TonePlan("US", "North American precise tone plan (ITU-T E.180 Suppl. 2, USA)", List.of(
                ToneSpec.of("US ringback", ToneKind.RINGBACK, new double[] {440, 480}, 2000, 4000),
                ToneSpec.of("US busy", ToneKind.BUSY, new double[] {480, 620}, 500, 500),
                ToneSpec.of("US reorder", ToneKind.CONGESTION, new double[] {480, 620}, 250, 250)));
    }

    /**
     * United Kingdom (BT's tones, as listed in ITU-T E.180 Supplement 2): ringing 400+450 Hz double ring 0.4 on 0.2
     * off 0.4 on 2.0 off, busy ("engaged") 400 Hz 0.375/0.375 s, congestion ("equipment engaged") 400 Hz
     * 0.4/0.35/0.225/0.525 s.
     */
    public static TonePlan unitedKingdom() {
        return new TonePlan("UK", "BT (ITU-T E.180 Suppl. 2, United Kingdom)", List.of(
                ToneSpec.of("UK ringing", ToneKind.RINGBACK, new double[] {400, 450}, 400, 200, 400, 2000),
                ToneSpec.of("UK engaged", ToneKind.BUSY, new double[] {400}, 375, 375),
                ToneSpec.of("UK equipment engaged", ToneKind.CONGESTION, new double[] {400}, 400, 350, 225, 525)));
    }

    /**
     * Continental Europe, the CEPT/ETSI 425 Hz tones (ETSI TR 101 041, ETSI ES 201 970; the cadences as listed for
     * Germany in ITU-T E.180 Supplement 2): ringing 425 Hz 1 s on 4 s off, busy 0.48/0.48 s, congestion
     * 0.24/0.24 s. Ringing and busy share the frequency: only the cadence tells them apart.
     */
    public static TonePlan europe() {
        return new TonePlan("EU", "ETSI TR 101 041 / ITU-T E.180 Suppl. 2 (425 Hz)", List.of(
                ToneSpec.of("EU ringing", ToneKind.RINGBACK, new double[] {425}, 1000, 4000),
                ToneSpec.of("EU busy", ToneKind.BUSY, new double[] {425}, 480, 480),
                ToneSpec.of("EU congestion", ToneKind.CONGESTION, new double[] {425}, 240, 240)));
    }

    /** US, UK and EU: a bot dialling anywhere in those regions hears one of them. */
    public static List<TonePlan> defaults() {
        return List.of(northAmerica(), unitedKingdom(), europe());
    }

    public ToneSpec tone(ToneKind kind) {
        return tones.stream().filter(t -> t.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no " + kind + " tone"));
    }
}
