package io.callsight.jobs.elasticsearch;

import io.callsight.search.ElasticsearchClients;
import io.callsight.search.ElasticsearchDocument;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink Sink V2 writing documents to Elasticsearch with the official Java client's bulk ingester.
 *
 * <p>Flink 2.x has no Elasticsearch connector. This sink flushes and waits for every pending bulk request on
 * each checkpoint, so a completed checkpoint means the documents are in Elasticsearch: at-least-once. Since
 * every document id is derived from the data (call/track/index), a replay after a failure overwrites
 * instead of duplicating, which makes the end result exactly-once.
 */
public final class ElasticsearchSink implements Sink<ElasticsearchDocument> {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String apiKey;
    private final int maxOperations;

    public ElasticsearchSink(String url, String apiKey, int maxOperations) {
        this.url = url;
        this.apiKey = apiKey;
        this.maxOperations = maxOperations;
    }

    @Override
    public SinkWriter<ElasticsearchDocument> createWriter(WriterInitContext context) {
        return new ElasticsearchSinkWriter(ElasticsearchClients.connect(url, apiKey), maxOperations,
                context.metricGroup());
    }
}
