package io.callsight.archive;

/** A stored recording that fails its checksum or is cut short: damaged or changed on disk, never played. */
public class CorruptRecordingException extends Exception {
    public CorruptRecordingException(String message) {
        super(message);
    }
}
