package io.callsight.voicebot.bot;

import io.callsight.dialog.engine.SessionRecord;
import io.callsight.voicebot.CallEndReason;
import java.util.List;

/**
 * A finished bot session: what the dialog engine recorded plus what only the gateway saw (timings, barge-ins, how
 * the stream ended). The data of ContactBot reports; slot values of sensitive slots are already masked.
 *
 * @param callId        the Callsight call id (the stream's {@code callSid}, else its {@code streamSid})
 * @param pausesResumed times the bot stopped at the onset of caller speech that then said nothing (or echoed the
 *                      prompt) and went on where it stopped
 * @param dialStatus    outbound calls: ANSWERED_HUMAN, ANSWERED_MACHINE, BUSY, SIT, FAX, NO_ANSWER (null inbound, or
 *                      hung up before a decision); {@code dialDecidedMs} from the stream's start, {@code dialEvidence}
 *                      what decided it
 */
public record BotSessionReport(String tenant, String callId, String streamSid, SessionRecord session,
        List<TurnTiming> turns, List<BargeIn> bargeIns, int pausesResumed, String dialStatus, long dialDecidedMs,
        String dialEvidence, CallEndReason endReason) {
    public BotSessionReport {
        turns = List.copyOf(turns);
        bargeIns = List.copyOf(bargeIns);
    }

    /**
     * One bot response. {@code responseMs}: end of the caller's speech to the first bot audio sent (-1 for the
     * greeting and no-input prompts, which answer no speech); {@code firstFrameMs}: how long synthesis took to the
     * first frame; {@code interrupted}: the caller barged in.
     */
    public record TurnTiming(String turnId, String trigger, long responseMs, long decideMs, long firstFrameMs,
            long playedMs, boolean interrupted) {}

    /**
     * {@code stopMs}: caller speech onset to the {@code clear} that stopped the bot (at the onset itself when the
     * caller was louder than echo, else when the words came); {@code afterWordsMs}: from the partial that confirmed
     * it; {@code heardWords}: that partial's words.
     */
    public record BargeIn(String turnId, long stopMs, long afterWordsMs, int heardWords) {}
}
