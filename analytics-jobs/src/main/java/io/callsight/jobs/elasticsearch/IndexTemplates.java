package io.callsight.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Index templates for Callsight's indices, kept as JSON resources so they read like Elasticsearch docs.
 * Installing is idempotent: a template with the same name is replaced.
 */
public final class IndexTemplates {
    public static final String UTTERANCES = "callsight-utterances";
    public static final String CALLS = "callsight-calls";
    private static final List<String> ALL = List.of(UTTERANCES, CALLS);

    private IndexTemplates() {
    }

    public static void install(ElasticsearchClient client) throws IOException {
        for (String name : ALL) {
            try (InputStream json = IndexTemplates.class.getResourceAsStream("/elasticsearch/" + name + ".json")) {
                if (json == null) {
                    throw new IllegalStateException("missing template resource for " + name);
                }
                client.indices().putIndexTemplate(t -> t.name(name).withJson(json));
            }
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
