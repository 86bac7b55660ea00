package io.callsight.voicebot;

import io.callsight.voicebot.Ulaw;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bot for the end-to-end tests: when the caller has spoken and then been silent for 200 ms, it answers with a prompt
 * in segments, a mark after each; when the caller speaks while it is speaking, it clears (barge-in). "Speech" is any
 * byte that is not µ-law silence: the tests' caller audio is synthetic.
 */
public class EchoBot extends RecordingHandler {
    private final byte[] prompt;
    private final int segmentBytes;
    private final int maxTurns;
    private final boolean bargeIn;
    private boolean heardSpeech;
    private long silentMs;
    private int turn;
    public final List<TurnPlayback> clears = new CopyOnWriteArrayList<>();
    public volatile long answeredAtNanos;

    public EchoBot(CallInfo call, BotMediaChannel channel, byte[] prompt, int segmentBytes, int maxTurns,
            boolean bargeIn) {
        super(call, channel);
        this.prompt = prompt;
        this.segmentBytes = segmentBytes;
        this.maxTurns = maxTurns;
        this.bargeIn = bargeIn;
    }

    /** The prompt a test bot says: a pattern that is easy to find in what the imitator played. */
    public static byte[] prompt(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (0x20 + (i * 7) % 0x40);
        }
        return b;
    }

    @Override
    public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
        super.onCallerAudio(ulaw8k, streamOffsetMs);
        if (voiced(ulaw8k)) {
            heardSpeech = true;
            silentMs = 0;
            if (bargeIn && channel.isSpeaking()) {
                Optional<TurnPlayback> heard = channel.clear();
                heard.ifPresent(clears::add);
            }
            return;
        }
        if (heardSpeech) {
            silentMs += Ulaw.millis(ulaw8k.length);
            if (silentMs >= 200 && turn < maxTurns && !channel.isSpeaking()) {
                heardSpeech = false;
                answer();
            }
        }
    }

    private void answer() {
        String id = "turn-" + (++turn);
        answeredAtNanos = System.nanoTime();
        for (int off = 0, seg = 1; off < prompt.length; off += segmentBytes, seg++) {
            int n = Math.min(segmentBytes, prompt.length - off);
            byte[] piece = new byte[n];
            System.arraycopy(prompt, off, piece, 0, n);
            channel.play(id, piece);
            channel.mark(id, "seg-" + seg);
        }
    }

    private static boolean voiced(byte[] ulaw) {
        for (byte b : ulaw) {
            if (b != Ulaw.SILENCE && b != (byte) 0x7F) {
                return true;
            }
        }
        return false;
    }
}
