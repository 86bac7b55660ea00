package io.callsight.nlp.insights;

/** A tenant id that cannot name a tenant (wrong alphabet, empty): the record is bad, not the models. */
public final class UnknownTenantException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownTenantException(String tenant) {
        super("unknown tenant '" + tenant + "': tenant ids are 1-63 lowercase letters, digits or '-'");
    }
}
