package io.callsight.cli;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.jobs.elasticsearch.ElasticsearchClients;
import io.callsight.jobs.elasticsearch.IndexTemplates;
import io.callsight.nlp.insights.VariantStats;
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
final class LiveReleaseReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveReleaseReport() {
    }

    static List<VariantStats> query(String esUrl, String tenant, Duration since) throws IOException {
        return parse(search(esUrl, body(tenant, since)));
    }

    /** The raw search response for {@code body} on the utterance index. */
    static JsonNode search(String esUrl, String body) throws IOException {
        var client = ElasticsearchClients.connect(esUrl, System.getenv("ES_API_KEY"));
        try (RestClientTransport transport = (RestClientTransport) client._transport()) {
            RestClient rest = transport.restClient();
            Request request = new Request("POST", "/" + IndexTemplates.UTTERANCES + "/_search");
            request.addParameter("ignore_unavailable", "true");
            request.setJsonEntity(JSON.writeValueAsString(JSON.readTree(body)));
            Response response = rest.performRequest(request);
            return JSON.readTree(response.getEntity().getContent());
        }
    }

    /** The tenant's utterances that have {@code field}, indexed within {@code since} (null: all). */
    private static String query(String tenant, Duration since, String field) throws IOException {
        String time = since == null ? "" : ", {\"range\": {\"indexedAt\": {\"gte\": " + (System.currentTimeMillis() - since.toMillis()) + "}}}";
        return """
                "query": {"bool": {"filter": [{"term": {"tenant": %s}}, {"exists": {"field": "%s"}}%s]}}"""
                .formatted(JSON.writeValueAsString(tenant), field, time);
    }

    static String body(String tenant, Duration since) throws IOException {
        return """
                {"size": 0, %s,
                 "aggs": {"variant": {"terms": {"field": "insight.variant"},
                   "aggs": {"model": {"terms": {"field": "insight.model", "missing": "-"},
                     "aggs": {"confidence": {"avg": {"field": "insight.confidence"}},
                              "matched": {"filter": {"exists": {"field": "insight.intent"}}},
                              "routed": {"filter": {"exists": {"field": "insight.route"}}},
                              "escalated": {"filter": {"term": {"insight.route": "encoder"}}}}}}}}}
                """.formatted(query(tenant, since, "insight.variant"));
    }

    static List<VariantStats> querySentiment(String esUrl, String tenant, Duration since, String candidateVersion)
            throws IOException {
        return parseSentiment(search(esUrl, sentimentBody(tenant, since)), candidateVersion);
    }

    static String sentimentBody(String tenant, Duration since) throws IOException {
        return """
                {"size": 0, %s,
                 "aggs": {"model": {"terms": {"field": "insight.sentiment.model"},
                   "aggs": {"positive": {"filter": {"range": {"insight.sentiment.score": {"gt": 0}}},
                                         "aggs": {"sum": {"sum": {"field": "insight.sentiment.score"}}}},
                            "negative": {"filter": {"range": {"insight.sentiment.score": {"lt": 0}}},
                                         "aggs": {"sum": {"sum": {"field": "insight.sentiment.score"}}}},
                            "neutral": {"filter": {"term": {"insight.sentiment.label": "neutral"}}}}}}}
                """.formatted(query(tenant, since, "insight.sentiment.model"));
    }

    /** Shared models ("_shared/sentiment-en/v1") answer for tenants without their own: variant {@code shared}. */
    static List<VariantStats> parseSentiment(JsonNode response, String candidateVersion) {
        List<VariantStats> out = new ArrayList<>();
        for (JsonNode m : response.path("aggregations").path("model").path("buckets")) {
            long n = m.path("doc_count").asLong();
            String model = m.path("key").asText();
            String variant = model.startsWith("_shared/") ? "shared" : model.equals(candidateVersion) ? "candidate" : "current";
            // mean |score| without a script (not every Elasticsearch has painless): positive sum minus negative sum
            double strength = n == 0 ? 0 : (m.path("positive").path("sum").path("value").asDouble(0)
                    - m.path("negative").path("sum").path("value").asDouble(0)) / n;
            out.add(new VariantStats(variant, model, n, strength,
                    n == 0 ? 0 : (double) m.path("neutral").path("doc_count").asLong() / n, Double.NaN));
        }
        return out;
    }

    static List<VariantStats> parse(JsonNode response) {
        List<VariantStats> out = new ArrayList<>();
        for (JsonNode v : response.path("aggregations").path("variant").path("buckets")) {
            for (JsonNode m : v.path("model").path("buckets")) {
                long n = m.path("doc_count").asLong();
                long matched = m.path("matched").path("doc_count").asLong();
                long routed = m.path("routed").path("doc_count").asLong(); // answered by a cascade
                String model = m.path("key").asText();
                out.add(new VariantStats(v.path("key").asText(), model.equals("-") ? null : model, n,
                        m.path("confidence").path("value").asDouble(0), n == 0 ? 0 : (double) (n - matched) / n, Double.NaN,
                        routed == 0 ? Double.NaN : (double) m.path("escalated").path("doc_count").asLong() / routed));
            }
        }
        return out;
    }
}
