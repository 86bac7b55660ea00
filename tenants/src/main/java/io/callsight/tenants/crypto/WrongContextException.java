package io.callsight.tenants.crypto;

/** The blob was sealed for another context (another call) than the caller expected: a misfiled or swapped file. */
public final class WrongContextException extends EnvelopeException {
    public WrongContextException(String message) {
        super(message);
    }
}
