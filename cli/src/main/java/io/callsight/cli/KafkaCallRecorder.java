package io.callsight.cli;

import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.ingest.CallSink;
import io.callsight.ingest.PublishException;
import io.callsight.voicebot.CallInfo;
import io.callsight.voicebot.bot.CallRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot call into Kafka as any call: STARTED (direction, the flow in customConfig), caller frames as CUSTOMER and
 * what the caller heard of the bot as BOT, then ENDED with the reason. The speech job transcribes, analyses, indexes
 * and archives it like every other call. A publish failure is logged and the recording of that call given up; the
 * call itself goes on.
 */
final class KafkaCallRecorder implements CallRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCallRecorder.class);
    private static final int FRAME_BYTES = 160;

    private final CallEvent started;
    private CallSink.OpenCall open;
    private long callerSeq;
    private long botSeq;

    KafkaCallRecorder(CallSink sink, CallInfo call, String callId, String flow, String direction) {
        long now = System.currentTimeMillis();
        CallEvent.Direction dir = "outbound".equalsIgnoreCase(direction) ? CallEvent.Direction.OUTBOUND : CallEvent.Direction.INBOUND;
        this.started = new CallEvent(call.tenantId(), callId, CallEvent.Type.STARTED, dir, null, null, null, null,
                List.of(Track.CUSTOMER, Track.BOT), now, 0, "voicebot", now, null, null,
                flow == null ? null : Map.of("botFlow", flow, "streamSid", call.streamSid()), null);
        try {
            open = sink.start(started);
        } catch (PublishException e) {
            LOG.warn("call {}: not recorded, STARTED could not be published: {}", callId, e.getMessage());
        }
    }

    @Override
    public void caller(byte[] ulaw, long offsetMs) {
        publish(Track.CUSTOMER, ulaw, offsetMs);
    }

    @Override
    public void bot(byte[] ulaw, long offsetMs) {
        publish(Track.BOT, ulaw, offsetMs);
    }

    private void publish(Track track, byte[] ulaw, long offsetMs) {
        if (open == null) {
            return;
        }
        List<AudioFrame> frames = new ArrayList<>();
        for (int at = 0; at < ulaw.length; at += FRAME_BYTES) {
            byte[] piece = java.util.Arrays.copyOfRange(ulaw, at, Math.min(ulaw.length, at + FRAME_BYTES));
            long seq = track == Track.CUSTOMER ? callerSeq++ : botSeq++;
            frames.add(new AudioFrame(started.tenant(), started.callId(), track, seq, offsetMs + at / 8, AudioCodec.PCMU,
                    8000, piece, false));
        }
        try {
            open.frames(frames);
        } catch (PublishException e) {
            LOG.warn("call {}: recording given up: {}", started.callId(), e.getMessage());
            open.abandon();
            open = null;
        }
    }

    @Override
    public void end(String reason) {
        if (open == null) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            List<AudioFrame> ends = new ArrayList<>();
            ends.add(new AudioFrame(started.tenant(), started.callId(), Track.CUSTOMER, callerSeq++, 0, AudioCodec.PCMU, 8000, new byte[0], true));
            ends.add(new AudioFrame(started.tenant(), started.callId(), Track.BOT, botSeq++, 0, AudioCodec.PCMU, 8000, new byte[0], true));
            open.frames(ends);
            open.end(new CallEvent(started.tenant(), started.callId(), CallEvent.Type.ENDED, started.direction(), null, null,
                    null, null, started.tracks(), started.startedAtMs(), now - started.startedAtMs(), "voicebot", now,
                    null, null, started.customConfig(), reason));
        } catch (PublishException e) {
            LOG.warn("call {}: end not published: {}", started.callId(), e.getMessage());
            open.abandon();
        }
        open = null;
    }
}
