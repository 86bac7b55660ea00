package io.callsight.voicebot.demo;

import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.BotMediaChannel;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.CallInfo;
import io.callsight.voicebot.Ulaw;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot with no brain, to see and test the gateway without one: when the caller stops talking it says back what it
 * heard, in 500 ms segments with a mark after each; talking over it clears it (barge-in); {@code #} hangs up after the
 * current playback. Speech is told from silence by level alone, which is enough for a demo line and nothing more.
 */
public final class ParrotBot implements BotCallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ParrotBot.class);
    /** Mean absolute amplitude above which a 20 ms frame counts as speech (~-34 dBFS). */
    private static final int SPEECH_LEVEL = 600;
    private static final long END_OF_TURN_MS = 500;
    private static final int MAX_REPLY_BYTES = Ulaw.BYTES_PER_SECOND * 5;
    private static final int SEGMENT_BYTES = Ulaw.BYTES_PER_SECOND / 2;

    private final CallInfo call;
    private final BotMediaChannel channel;
    private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
    private long silentMs;
    private int turn;

    private ParrotBot(CallInfo call, BotMediaChannel channel) {
        this.call = call;
        this.channel = channel;
    }

    public static BotCallHandlerFactory factory() {
        return ParrotBot::new;
    }

    @Override
    public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
        if (Ulaw.level(ulaw8k) >= SPEECH_LEVEL) {
            if (channel.isSpeaking()) {
                channel.clear().ifPresent(t -> LOG.info("call {}: barge-in after {} ms of {}", call.callSid(),
                        t.playedMs(), t.turnId()));
            }
            silentMs = 0;
            if (utterance.size() < MAX_REPLY_BYTES) {
                utterance.write(ulaw8k, 0, Math.min(ulaw8k.length, MAX_REPLY_BYTES - utterance.size()));
            }
            return;
        }
        silentMs += Ulaw.millis(ulaw8k.length);
        if (utterance.size() > 0 && silentMs >= END_OF_TURN_MS && !channel.isSpeaking()) {
            reply(utterance.toByteArray());
            utterance.reset();
        }
    }

    private void reply(byte[] audio) {
        String id = "turn-" + (++turn);
        for (int off = 0, seg = 1; off < audio.length; off += SEGMENT_BYTES, seg++) {
            byte[] piece = Arrays.copyOfRange(audio, off, Math.min(audio.length, off + SEGMENT_BYTES));
            channel.play(id, piece);
            channel.mark(id, "seg-" + seg);
        }
    }

    @Override
    public void onDtmf(char digit) {
        if (digit == '#') {
            channel.hangUp();
        }
    }

    @Override
    public void onStop(CallEndReason reason) {
        LOG.info("call {} ended: {}", call.callSid(), reason);
    }
}
