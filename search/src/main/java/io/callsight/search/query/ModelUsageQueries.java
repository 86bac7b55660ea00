package io.callsight.search.query;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.search.ElasticsearchClients;
import io.callsight.search.Indices;
import io.callsight.search.schema.InsightFields;
import io.callsight.search.schema.UtteranceFields;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Grayscale numbers from what the speech job indexed. Intents: the tenant's analyzed utterances grouped by
 * {@code insight.variant} and {@code insight.model}, with mean confidence and the share without an intent.
 * Sentiment: grouped by {@code insight.sentiment.model} (the release's candidate version is the candidate side),
 * with the mean strength |score| in the confidence column and the share of neutral readings in the no-match one.
 */
public final class ModelUsageQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIANT = UtteranceFields.insight(InsightFields.VARIANT);
    private static final String MODEL = UtteranceFields.insight(InsightFields.MODEL);
    private static final String CONFIDENCE = UtteranceFields.insight(InsightFields.CONFIDENCE);
    private static final String INTENT = UtteranceFields.insight(InsightFields.INTENT);
    private static final String ROUTE = UtteranceFields.insight(InsightFields.ROUTE);
    private static final String SENTIMENT_MODEL = UtteranceFields.insight(InsightFields.SENTIMENT, InsightFields.SENTIMENT_MODEL);
    private static final String SENTIMENT_SCORE = UtteranceFields.insight(InsightFields.SENTIMENT, InsightFields.SENTIMENT_SCORE);
    private static final String SENTIMENT_LABEL = UtteranceFields.insight(InsightFields.SENTIMENT, InsightFields.SENTIMENT_LABEL);

    private ModelUsageQueries() {
    }

    public static List<ModelUsage> intents(String esUrl, String tenant, Duration since) throws IOException {
        return parseIntents(search(esUrl, intentsBody(tenant, since)));
    }

    public static List<ModelUsage> sentiment(String esUrl, String tenant, Duration since, String candidateVersion)
            throws IOException {
        return parseSentiment(search(esUrl, sentimentBody(tenant, since)), candidateVersion);
    }

    /** The raw search response for {@code body} on the utterance index. */
    static JsonNode search(String esUrl, String body) throws IOException {
        var client = ElasticsearchClients.connect(esUrl, System.getenv("ES_API_KEY"));
        try (RestClientTransport transport = (RestClientTransport) client._transport()) {
            RestClient rest = transport.restClient();
            Request request = new Request("POST", "/" + Indices.UTTERANCES + "/_search");
            request.addParameter("ignore_unavailable", "true");
            request.setJsonEntity(JSON.writeValueAsString(JSON.readTree(body)));
            Response response = rest.performRequest(request);
            return JSON.readTree(response.getEntity().getContent());
        }
    }

    /** The tenant's utterances that have {@code field}, indexed within {@code since} (null: all). */
    private static String query(String tenant, Duration since, String field) throws IOException {
        String time = since == null ? "" : ", {\"range\": {\"%s\": {\"gte\": %d}}}"
                .formatted(UtteranceFields.INDEXED_AT, System.currentTimeMillis() - since.toMillis());
        return """
                "query": {"bool": {"filter": [%s, {"exists": {"field": "%s"}}%s]}}"""
                .formatted(TenantScope.of(tenant).filterJson(), field, time);
    }

    public static String intentsBody(String tenant, Duration since) throws IOException {
        return """
                {"size": 0, %s,
                 "aggs": {"variant": {"terms": {"field": "%s"},
                   "aggs": {"model": {"terms": {"field": "%s", "missing": "-"},
                     "aggs": {"confidence": {"avg": {"field": "%s"}},
                              "matched": {"filter": {"exists": {"field": "%s"}}},
                              "routed": {"filter": {"exists": {"field": "%s"}}},
                              "escalated": {"filter": {"term": {"%s": "encoder"}}}}}}}}}
                """.formatted(query(tenant, since, VARIANT), VARIANT, MODEL, CONFIDENCE, INTENT, ROUTE, ROUTE);
    }

    public static String sentimentBody(String tenant, Duration since) throws IOException {
        return """
                {"size": 0, %s,
                 "aggs": {"model": {"terms": {"field": "%s"},
                   "aggs": {"positive": {"filter": {"range": {"%s": {"gt": 0}}},
                                         "aggs": {"sum": {"sum": {"field": "%s"}}}},
                            "negative": {"filter": {"range": {"%s": {"lt": 0}}},
                                         "aggs": {"sum": {"sum": {"field": "%s"}}}},
                            "neutral": {"filter": {"term": {"%s": "neutral"}}}}}}}
                """.formatted(query(tenant, since, SENTIMENT_MODEL), SENTIMENT_MODEL, SENTIMENT_SCORE, SENTIMENT_SCORE,
                SENTIMENT_SCORE, SENTIMENT_SCORE, SENTIMENT_LABEL);
    }

    /** Shared models ("_shared/sentiment-en/v1") answer for tenants without their own: variant {@code shared}. */
    public static List<ModelUsage> parseSentiment(JsonNode response, String candidateVersion) {
        List<ModelUsage> out = new ArrayList<>();
        for (JsonNode m : response.path("aggregations").path("model").path("buckets")) {
            long n = m.path("doc_count").asLong();
            String model = m.path("key").asText();
            String variant = model.startsWith("_shared/") ? "shared" : model.equals(candidateVersion) ? "candidate" : "current";
            // mean |score| without a script (not every Elasticsearch has painless): positive sum minus negative sum
            double strength = n == 0 ? 0 : (m.path("positive").path("sum").path("value").asDouble(0)
                    - m.path("negative").path("sum").path("value").asDouble(0)) / n;
            out.add(new ModelUsage(variant, model, n, strength,
                    n == 0 ? 0 : (double) m.path("neutral").path("doc_count").asLong() / n, Double.NaN));
        }
        return out;
    }

    public static List<ModelUsage> parseIntents(JsonNode response) {
        List<ModelUsage> out = new ArrayList<>();
        for (JsonNode v : response.path("aggregations").path("variant").path("buckets")) {
            for (JsonNode m : v.path("model").path("buckets")) {
                long n = m.path("doc_count").asLong();
                long matched = m.path("matched").path("doc_count").asLong();
                long routed = m.path("routed").path("doc_count").asLong(); // answered by a cascade
                String model = m.path("key").asText();
                out.add(new ModelUsage(v.path("key").asText(), model.equals("-") ? null : model, n,
                        m.path("confidence").path("value").asDouble(0), n == 0 ? 0 : (double) (n - matched) / n,
                        routed == 0 ? Double.NaN : (double) m.path("escalated").path("doc_count").asLong() / routed));
            }
        }
        return out;
    }
}
