package io.callsight.search.schema;

/** Fields of a call's {@code sentiment} object, made once the finished call's lines are all analyzed. */
public final class CallSentimentFields {
    public static final String CUSTOMER_LINES = "customerLines";
    public static final String CUSTOMER_MEAN = "customerMean";
    /** Mean of the first third of the customer's scored lines. */
    public static final String CUSTOMER_START = "customerStart";
    /** Mean of the last third. */
    public static final String CUSTOMER_END = "customerEnd";
    /** End minus start: below zero, the customer ended worse than they began. */
    public static final String CUSTOMER_TREND = "customerTrend";
    public static final String AGENT_MEAN = "agentMean";

    private CallSentimentFields() {
    }
}
