package io.callsight.asr.callprogress;

/** Where an outbound call stands, as heard on its audio. Every status but {@link #RINGING} is final. */
public enum DialStatus {
    /** Ringback heard: the far end is being alerted. Progress, not an outcome. */
    RINGING,
    /** A live person answered (a short greeting, then silence waiting for the caller). */
    ANSWERED_HUMAN,
    /** An answering machine or voicemail greeting answered: wait for the beep, then leave the message. */
    ANSWERED_MACHINE,
    /** Busy or congestion (reorder) tone. */
    BUSY,
    /** Special information tone: the network's announcement follows (number not in service, no circuit, ...). */
    SIT,
    /** A fax machine or modem answered (CNG or CED/answer tone). */
    FAX,
    /** Nobody answered while it rang, or the line stayed silent after the answer. */
    NO_ANSWER;

    public boolean isFinal() {
        return this != RINGING;
    }
}
