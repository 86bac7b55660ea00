package io.callsight.asr.callprogress;

/**
 * What a special information tone says, by the Telcordia coding (SR-2275, Notes on the Network): the first and
 * second segments are each low or high in frequency (913.8/985.2 Hz, 1370.6/1428.5 Hz) and short or long
 * (274/380 ms); the third is always 1776.7 Hz, 380 ms.
 */
public enum SitCategory {
    /** Intercept: vacant number, changed number, number not in service (LS, LS). */
    INTERCEPT("IC"),
    /** No circuit: trunk blockage, emergency, network busy; retry later (HL, HL). */
    NO_CIRCUIT("NC"),
    /** Vacant code: the number is not a valid code (HL, LS). */
    VACANT_CODE("VC"),
    /** Reorder: equipment irregularity (LS, HL). */
    REORDER("RO"),
    /** The ITU-T E.180/Q.35 SIT (950/1400/1800 Hz, about 330 ms each), which carries no category. */
    ITU_T("ITU"),
    /** Three rising SIT tones whose coding is none of the above. */
    UNKNOWN("?");

    private final String code;

    SitCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
