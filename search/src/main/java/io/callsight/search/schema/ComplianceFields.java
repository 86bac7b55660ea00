package io.callsight.search.schema;

/** Fields of a call's {@code compliance} object: the verdict on the tenant's must-say and must-not-say rules. */
public final class ComplianceFields {
    /** {@link #COMPLIANT} or {@link #NON_COMPLIANT}. */
    public static final String STATE = "state";
    public static final String COMPLIANT = "compliant";
    public static final String NON_COMPLIANT = "non_compliant";
    /** How many rules were checked. */
    public static final String RULES = "rules";
    /** Names of the must-say rules nobody said. */
    public static final String MISSED = "missed";
    /** Marks ({@link #RULE} ... {@link #HEARD}) of must-say rules met. */
    public static final String MET = "met";
    /** Marks of must-not-say rules broken. */
    public static final String VIOLATIONS = "violations";
    public static final String RULE = "rule";
    public static final String TRACK = "track";
    public static final String AT_MS = "atMs";
    public static final String PHRASE = "phrase";
    public static final String HEARD = "heard";

    private ComplianceFields() {
    }
}
