package io.callsight.search.query;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.search.ElasticsearchClients;
import io.callsight.search.Indices;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.UtteranceFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Retention for transcripts: deletes a tenant's documents older than a cutoff from the utterance index (by
 * {@code indexedAt}) and the call index (by {@code updatedAt}), or counts them for a dry run.
 *
 * <p>Not {@code _delete_by_query}: it lives in Elasticsearch's reindex module, which slim distributions (the
 * integration-test one among them) leave out. Instead: search a page of matching ids, delete them with
 * {@code _bulk} and {@code refresh=wait_for}, search again, until a search finds none. Each search starts over
 * rather than paging with {@code search_after}, because the previous page is gone by then; that also means no
 * scroll context or point in time to clean up if the sweep is interrupted, and a rerun simply continues.
 *
 * <p>Every query carries the tenant as a {@code term} filter: a sweep for one tenant cannot touch another's documents.
 */
public final class ExpiredDocuments implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_PAGE = 1000;

    /** The few calls this class makes, so tests can answer them without a cluster. */
    public interface Elasticsearch extends AutoCloseable {
        JsonNode post(String path, Map<String, String> parameters, String body, boolean ndjson) throws IOException;

        @Override
        default void close() throws IOException {
            // nothing to release
        }
    }

    /**
     * @param expired  documents that matched before the sweep (for a dry run: all it did)
     * @param deleted  documents deleted
     * @param failures per failed delete, the document id and Elasticsearch's reason
     */
    public record Swept(String index, String tenant, Instant cutoff, long expired, long deleted, List<String> failures) {
    }

    private final Elasticsearch es;
    private final int pageSize;

    public ExpiredDocuments(Elasticsearch es, int pageSize) {
        this.es = es;
        this.pageSize = pageSize;
    }

    /** Over the low-level REST client, with an optional API key (like {@link ElasticsearchClients}). */
    public static ExpiredDocuments connect(String url, String apiKey) {
        RestClientTransport transport = (RestClientTransport) ElasticsearchClients.connect(url, apiKey)._transport();
        RestClient rest = transport.restClient();
        return new ExpiredDocuments(new Elasticsearch() {
            @Override
            public JsonNode post(String path, Map<String, String> parameters, String body, boolean ndjson) throws IOException {
                Request request = new Request("POST", path);
                parameters.forEach(request::addParameter);
                request.setEntity(new NStringEntity(body, ndjson
                        ? ContentType.create("application/x-ndjson", "UTF-8") : ContentType.APPLICATION_JSON));
                Response response = rest.performRequest(request);
                return JSON.readTree(response.getEntity().getContent());
            }

            @Override
            public void close() throws IOException {
                transport.close();
            }
        }, DEFAULT_PAGE);
    }

    /** The indices a transcript sweep covers. */
    public static List<String> indices() {
        return List.of(Indices.UTTERANCES, Indices.CALLS);
    }

    /** The field whose age decides: when an utterance was indexed, when a call document last changed. */
    public static String ageField(String index) {
        return switch (index) {
            case Indices.UTTERANCES -> UtteranceFields.INDEXED_AT;
            case Indices.CALLS -> CallFields.UPDATED_AT;
            default -> throw new IllegalArgumentException("no retention field for index " + index);
        };
    }

    /** The tenant's documents of {@code index} older than {@code cutoff}. */
    public static ObjectNode query(String index, String tenant, Instant cutoff) {
        if (!UtteranceFields.TENANT.equals(CallFields.TENANT)) {
            throw new IllegalStateException("the indices disagree on the tenant field");
        }
        ObjectNode query = JSON.createObjectNode();
        var filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put(UtteranceFields.TENANT, tenant);
        filter.addObject().putObject("range").putObject(ageField(index)).put("lt", cutoff.toEpochMilli());
        return query;
    }

    static String searchBody(String index, String tenant, Instant cutoff, int size) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        body.put("_source", false);
        body.put("track_total_hits", false);
        body.set("query", query(index, tenant, cutoff));
        return body.toString();
    }

    static String countBody(String index, String tenant, Instant cutoff) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query(index, tenant, cutoff));
        return body.toString();
    }

    /** How many of the tenant's documents in {@code index} are older than {@code cutoff}; 0 if the index does not exist. */
    public long count(String index, String tenant, Instant cutoff) throws IOException {
        return es.post("/" + index + "/_count", Map.of("ignore_unavailable", "true"), countBody(index, tenant, cutoff), false)
                .path("count").asLong();
    }

    /** Deletes the tenant's documents in {@code index} older than {@code cutoff} (or only counts them). */
    public Swept sweep(String index, String tenant, Instant cutoff, boolean dryRun) throws IOException {
        long expired = count(index, tenant, cutoff);
        if (dryRun || expired == 0) {
            return new Swept(index, tenant, cutoff, expired, 0, List.of());
        }
        long deleted = 0;
        List<String> failures = new ArrayList<>();
        while (true) {
            JsonNode hits = es.post("/" + index + "/_search", Map.of("ignore_unavailable", "true"),
                    searchBody(index, tenant, cutoff, pageSize), false).path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            StringBuilder bulk = new StringBuilder();
            for (JsonNode hit : hits) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("delete").put("_index", hit.path("_index").asText(index)).put("_id", hit.path("_id").asText());
                bulk.append(action).append('\n');
            }
            JsonNode response = es.post("/_bulk", Map.of("refresh", "wait_for"), bulk.toString(), true);
            long deletedNow = 0;
            for (JsonNode item : response.path("items")) {
                JsonNode d = item.path("delete");
                int status = d.path("status").asInt();
                if (status == 200) {
                    deletedNow++;
                } else if (status != 404) { // 404: deleted by someone else meanwhile, which is what we wanted
                    failures.add(d.path("_id").asText() + ": " + d.path("error").path("reason").asText("status " + status));
                }
            }
            deleted += deletedNow;
            if (deletedNow == 0) {
                break; // nothing could be deleted (read-only index, no permission): searching again finds the same page
            }
        }
        return new Swept(index, tenant, cutoff, expired, deleted, failures);
    }

    @Override
    public void close() throws IOException {
        es.close();
    }
}
