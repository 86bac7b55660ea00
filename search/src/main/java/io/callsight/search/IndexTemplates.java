package io.callsight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * Index templates for Callsight's indices, kept as JSON resources so they read like Elasticsearch docs.
 * Installing is idempotent: a template with the same name is replaced.
 */
public final class IndexTemplates {
    private IndexTemplates() {
    }

    public static void install(ElasticsearchClient client) throws IOException {
        for (String name : Indices.ALL) {
            byte[] template = template(name);
            client.indices().putIndexTemplate(t -> t.name(name).withJson(new ByteArrayInputStream(template)));
            upgradeExistingIndex(client, name, template);
        }
    }

    /**
     * A template only shapes indices created after it, so an index made by an older release keeps its old strict
     * mapping and rejects every document with a field added since (an utterance's {@code insight}). New fields
     * are added to the live index here; a change Elasticsearch cannot apply in place fails with what to do.
     */
    private static void upgradeExistingIndex(ElasticsearchClient client, String name, byte[] template) throws IOException {
        JsonNode mappings = new ObjectMapper().readTree(template).path("template").path("mappings");
        if (mappings.isMissingNode() || !client.indices().exists(e -> e.index(name)).value()) {
            return;
        }
        try {
            client.indices().putMapping(m -> m.index(name).withJson(new StringReader(mappings.toString())));
        } catch (ElasticsearchException e) {
            throw new IllegalStateException("index " + name + " was created by an older release with a mapping that "
                    + "cannot be updated in place (" + e.getMessage() + "); reindex it or delete it to start afresh", e);
        }
    }

    /** The template of {@code index} (one of {@link Indices}) as installed: settings and strict mappings. */
    public static byte[] template(String index) throws IOException {
        try (InputStream json = IndexTemplates.class.getResourceAsStream("/elasticsearch/" + index + ".json")) {
            if (json == null) {
                throw new IllegalStateException("missing template resource for " + index);
            }
            return json.readAllBytes();
        }
    }

    public static void installUnchecked(ElasticsearchClient client) {
        try {
            install(client);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install index templates: " + e.getMessage(), e);
        }
    }
}
