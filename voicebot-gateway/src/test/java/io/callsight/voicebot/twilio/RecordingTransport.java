package io.callsight.voicebot.twilio;

import io.callsight.voicebot.client.ServerMessage;
import io.callsight.voicebot.client.StrictServerParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A socket that keeps what the session wrote, each frame checked as Twilio would check it. */
public final class RecordingTransport implements MediaStreamTransport {
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public volatile int closeCode;
    public volatile String closeReason;

    @Override
    public void send(String text) {
        if (closeCode != 0) {
            throw new AssertionError("sent after close: " + text);
        }
        sent.add(text);
    }

    @Override
    public void close(int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
    }

    /** Every frame parsed strictly (§5); an invalid one fails the test. */
    public List<ServerMessage> messages() {
        List<ServerMessage> out = new ArrayList<>();
        for (String s : sent) {
            try {
                out.add(StrictServerParser.parse(s, Messages.SID));
            } catch (ServerMessage.Violation v) {
                throw new AssertionError(v.getMessage() + ": " + s);
            }
        }
        return out;
    }

    public long mediaBytes() {
        return messages().stream().filter(m -> m instanceof ServerMessage.Media)
                .mapToLong(m -> ((ServerMessage.Media) m).audio().length).sum();
    }
}
