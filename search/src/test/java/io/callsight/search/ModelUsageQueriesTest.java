package io.callsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.search.query.ModelUsageQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grayscale aggregations name only fields the utterance template maps (a typo would aggregate nothing). */
class ModelUsageQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldTheAggregationsNameIsMapped() throws Exception {
        JsonNode properties = JSON.readTree(IndexTemplates.template(Indices.UTTERANCES)).at("/template/mappings/properties");
        for (String body : List.of(ModelUsageQueries.intentsBody("acme", Duration.ofHours(1)),
                ModelUsageQueries.sentimentBody("acme", null))) {
            List<String> fields = new ArrayList<>();
            JSON.readTree(body).findValues("field").forEach(f -> fields.add(f.asText()));
            JSON.readTree(body).findValues("term").forEach(t -> t.fieldNames().forEachRemaining(fields::add));
            assertTrue(fields.size() >= 4, fields.toString());
            for (String field : fields) {
                JsonNode node = properties;
                for (String part : field.split("\\.")) {
                    node = node.path(part).has("properties") ? node.path(part).path("properties") : node.path(part);
                }
                assertTrue(!node.isMissingNode(), field + " is not in the utterance template");
            }
        }
    }

    @Test
    void theTenantFilterIsInEveryBody() throws Exception {
        for (String body : List.of(ModelUsageQueries.intentsBody("acme", null), ModelUsageQueries.sentimentBody("acme", null))) {
            assertEquals("acme", JSON.readTree(body).at("/query/bool/filter/0/term/tenant").asText(), body);
        }
    }
}
