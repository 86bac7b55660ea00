package io.callsight.voicebot.twilio;

/**
 * A text frame that is not a valid Media Streams message. The message names the event (when known), the field and what
 * is wrong with it, never the field's value: a payload is the caller's voice and a custom parameter may be an API key.
 */
public final class MalformedMessageException extends Exception {
    private final String event;
    private final String field;

    /**
     * @param event the message's {@code event}, null if that is what could not be read
     * @param field JSON path of the offending field ({@code media.timestamp}), empty when the whole message is wrong
     */
    public MalformedMessageException(String event, String field, String problem) {
        super((event == null ? "" : event + " message: ") + (field.isEmpty() ? problem : field + " " + problem));
        this.event = event;
        this.field = field;
    }

    /** The {@code event} of the message, null when it had none that could be read. */
    public String event() {
        return event;
    }

    public String field() {
        return field;
    }
}
