package io.callsight.voicebot;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bot that only listens: everything the gateway tells it, in order. */
public class RecordingHandler implements BotCallHandler {
    public record Audio(long offsetMs, byte[] ulaw) {
    }

    public record MarkEcho(String name, boolean flushed) {
    }

    public final CallInfo call;
    public final BotMediaChannel channel;
    public final List<Audio> audio = new CopyOnWriteArrayList<>();
    public final List<Character> digits = new CopyOnWriteArrayList<>();
    public final List<MarkEcho> marks = new CopyOnWriteArrayList<>();
    public final List<CallEndReason> stops = new CopyOnWriteArrayList<>();

    public RecordingHandler(CallInfo call, BotMediaChannel channel) {
        this.call = call;
        this.channel = channel;
    }

    @Override
    public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
        audio.add(new Audio(streamOffsetMs, ulaw8k));
    }

    @Override
    public void onDtmf(char digit) {
        digits.add(digit);
    }

    @Override
    public void onPlaybackMark(String name, boolean flushed) {
        marks.add(new MarkEcho(name, flushed));
    }

    @Override
    public void onStop(CallEndReason reason) {
        stops.add(reason);
    }

    /** All caller audio received, concatenated. */
    public byte[] callerAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        audio.forEach(a -> out.writeBytes(a.ulaw()));
        return out.toByteArray();
    }

    /** Where the caller audio received so far ends on the stream's timeline, ms. */
    public long audioEndMs() {
        long end = -1;
        for (Audio a : audio) {
            end = Math.max(end, a.offsetMs() + a.ulaw().length / 8);
        }
        return end;
    }
}
