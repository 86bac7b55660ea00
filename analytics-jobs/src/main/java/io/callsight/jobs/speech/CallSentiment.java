package io.callsight.jobs.speech;

import io.callsight.search.schema.CallSentimentFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the customer felt over a finished call, from the utterances' sentiment scores: the mean, the first and the
 * last third of the customer's lines (a call that starts angry and ends calm is a good call), and the agent's
 * mean. A Flink POJO: it is kept in the call's state.
 */
public class CallSentiment {
    public int customerLines;
    public double customerMean;
    public double customerStart;
    public double customerEnd;
    /** Null when no agent line has a score. */
    public Double agentMean;

    public CallSentiment() {
    }

    /** Null when no customer line has a sentiment score. */
    public static CallSentiment of(List<SpokenLine> linesInCallOrder) {
        List<Double> customer = scores(linesInCallOrder, "CUSTOMER"), agent = scores(linesInCallOrder, "AGENT");
        if (customer.isEmpty()) {
            return null;
        }
        int third = (customer.size() + 2) / 3;
        CallSentiment s = new CallSentiment();
        s.customerLines = customer.size();
        s.customerMean = mean(customer);
        s.customerStart = mean(customer.subList(0, third));
        s.customerEnd = mean(customer.subList(customer.size() - third, customer.size()));
        s.agentMean = agent.isEmpty() ? null : mean(agent);
        return s;
    }

    private static List<Double> scores(List<SpokenLine> lines, String track) {
        return lines.stream().filter(l -> l.track.equals(track) && l.sentiment != null).map(l -> l.sentiment).toList();
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    Map<String, Object> toSource() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(CallSentimentFields.CUSTOMER_LINES, customerLines);
        s.put(CallSentimentFields.CUSTOMER_MEAN, customerMean);
        s.put(CallSentimentFields.CUSTOMER_START, customerStart);
        s.put(CallSentimentFields.CUSTOMER_END, customerEnd);
        s.put(CallSentimentFields.CUSTOMER_TREND, customerEnd - customerStart);
        if (agentMean != null) {
            s.put(CallSentimentFields.AGENT_MEAN, agentMean);
        }
        return s;
    }
}
