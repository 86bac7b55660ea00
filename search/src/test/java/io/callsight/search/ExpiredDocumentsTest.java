package io.callsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.search.query.ExpiredDocuments;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.UtteranceFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transcript retention against an in-memory stand-in for the three Elasticsearch calls it makes. */
class ExpiredDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    /** Documents per index (id → tenant, age field in ms); evaluates exactly the query shape the sweep sends. */
    static final class FakeElasticsearch implements ExpiredDocuments.Elasticsearch {
        final Map<String, Map<String, ObjectNode>> indices = new LinkedHashMap<>();
        final List<JsonNode> queries = new ArrayList<>();
        int bulks;

        void add(String index, String id, String tenant, Instant at) {
            ObjectNode doc = JSON.createObjectNode().put(UtteranceFields.TENANT, tenant).put(ExpiredDocuments.ageField(index), at.toEpochMilli());
            indices.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(id, doc);
        }

        private List<String> matching(String index, JsonNode query) {
            queries.add(query);
            JsonNode filter = query.path("bool").path("filter");
            String tenant = filter.path(0).path("term").path(UtteranceFields.TENANT).asText();
            String field = filter.path(1).path("range").fieldNames().next();
            long lt = filter.path(1).path("range").path(field).path("lt").asLong();
            List<String> ids = new ArrayList<>();
            indices.getOrDefault(index, Map.of()).forEach((id, doc) -> {
                if (doc.path(UtteranceFields.TENANT).asText().equals(tenant) && doc.path(field).asLong() < lt) {
                    ids.add(id);
                }
            });
            return ids;
        }

        @Override
        public JsonNode post(String path, Map<String, String> parameters, String body, boolean ndjson) throws java.io.IOException {
            String[] parts = path.substring(1).split("/");
            if (parts[0].equals("_bulk")) {
                assertTrue(ndjson);
                assertEquals("wait_for", parameters.get("refresh"), "the next search must not see the deleted page");
                bulks++;
                ArrayNode items = JSON.createArrayNode();
                for (String line : body.split("\n")) {
                    JsonNode delete = JSON.readTree(line).path("delete");
                    boolean removed = indices.get(delete.path("_index").asText()).remove(delete.path("_id").asText()) != null;
                    items.addObject().putObject("delete").put("_id", delete.path("_id").asText()).put("status", removed ? 200 : 404);
                }
                ObjectNode response = JSON.createObjectNode().put("errors", false);
                response.set("items", items);
                return response;
            }
            JsonNode request = JSON.readTree(body);
            List<String> ids = matching(parts[0], request.path("query"));
            if (parts[1].equals("_count")) {
                return JSON.createObjectNode().put("count", ids.size());
            }
            ObjectNode response = JSON.createObjectNode();
            ArrayNode hits = response.putObject("hits").putArray("hits");
            ids.stream().limit(request.path("size").asInt(10)).forEach(id -> hits.addObject().put("_index", parts[0]).put("_id", id));
            return response;
        }
    }

    @Test
    void deletesOnlyTheTenantsDocumentsOlderThanTheCutoff() throws Exception {
        FakeElasticsearch es = new FakeElasticsearch();
        for (int i = 0; i < 1_234; i++) {
            es.add(Indices.UTTERANCES, "old-" + i + "/CUSTOMER/0", "acme", CUTOFF.minusSeconds(1 + i));
        }
        es.add(Indices.UTTERANCES, "new/CUSTOMER/0", "acme", CUTOFF);
        es.add(Indices.UTTERANCES, "globex-old/AGENT/0", "globex", CUTOFF.minusSeconds(86_400));
        es.add(Indices.CALLS, "old-call", "acme", CUTOFF.minusSeconds(5));
        es.add(Indices.CALLS, "globex-old-call", "globex", CUTOFF.minusSeconds(5));

        try (ExpiredDocuments expired = new ExpiredDocuments(es, 500)) {
            ExpiredDocuments.Swept dry = expired.sweep(Indices.UTTERANCES, "acme", CUTOFF, true);
            assertEquals(1_234, dry.expired());
            assertEquals(0, dry.deleted());
            assertEquals(1_236, es.indices.get(Indices.UTTERANCES).size(), "a dry run deletes nothing");

            ExpiredDocuments.Swept utterances = expired.sweep(Indices.UTTERANCES, "acme", CUTOFF, false);
            assertEquals(1_234, utterances.deleted());
            assertEquals(List.of(), utterances.failures());
            assertEquals(3, es.bulks, "pages of 500");
            assertEquals(List.of("new/CUSTOMER/0", "globex-old/AGENT/0"), List.copyOf(es.indices.get(Indices.UTTERANCES).keySet()));

            assertEquals(1, expired.sweep(Indices.CALLS, "acme", CUTOFF, false).deleted());
            assertEquals(List.of("globex-old-call"), List.copyOf(es.indices.get(Indices.CALLS).keySet()));
            assertEquals(0, expired.sweep(Indices.CALLS, "initech", CUTOFF, false).expired());
        }
        for (JsonNode q : es.queries) {
            assertTrue(q.path("bool").path("filter").path(0).path("term").has(UtteranceFields.TENANT), "no tenant filter: " + q);
        }
    }

    @Test
    void eachIndexIsAgedByTheFieldItsTemplateMapsAsADate() throws Exception {
        for (String index : ExpiredDocuments.indices()) {
            JsonNode properties = JSON.readTree(IndexTemplates.template(index)).at("/template/mappings/properties");
            String field = ExpiredDocuments.ageField(index);
            assertEquals("date", properties.path(field).path("type").asText(), index + "." + field);
            assertTrue(properties.has(UtteranceFields.TENANT), index);
        }
        assertEquals(CallFields.UPDATED_AT, ExpiredDocuments.ageField(Indices.CALLS));
        assertEquals(UtteranceFields.INDEXED_AT, ExpiredDocuments.ageField(Indices.UTTERANCES));
        JsonNode q = ExpiredDocuments.query(Indices.CALLS, "acme", CUTOFF);
        assertEquals("acme", q.at("/bool/filter/0/term/tenant").asText());
        assertEquals(CUTOFF.toEpochMilli(), q.at("/bool/filter/1/range/updatedAt/lt").asLong());
    }
}
