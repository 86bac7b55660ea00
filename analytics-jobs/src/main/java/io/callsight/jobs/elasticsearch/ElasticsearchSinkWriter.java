package io.callsight.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.callsight.search.ElasticsearchDocument;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writer side of {@link ElasticsearchSink}: batches into bulk requests, waits for them on checkpoint. */
final class ElasticsearchSinkWriter implements SinkWriter<ElasticsearchDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    private static final long FLUSH_TIMEOUT_MS = 120_000;

    private final ElasticsearchClient client;
    private final BulkIngester<Void> ingester;
    private final Object lock = new Object();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Counter indexed;
    private final Counter rejected;
    private int inFlight;

    ElasticsearchSinkWriter(ElasticsearchClient client, int maxOperations, MetricGroup metrics) {
        this.client = client;
        this.indexed = metrics.counter("documentsIndexed");
        this.rejected = metrics.counter("documentsRejected");
        this.ingester = BulkIngester.of(b -> b
                .client(client)
                .maxOperations(maxOperations)
                .maxSize(5L * 1024 * 1024)
                .maxConcurrentRequests(2)
                .flushInterval(1, TimeUnit.SECONDS)
                .listener(new Listener()));
    }

    @Override
    public void write(ElasticsearchDocument document, Context context) throws IOException {
        rethrowFailure();
        synchronized (lock) {
            inFlight++;
        }
        if (document.isDelete()) {
            ingester.add(op -> op.delete(d -> d.index(document.index()).id(document.id())));
        } else {
            ingester.add(op -> op.index(i -> i.index(document.index()).id(document.id()).document(document.source())));
        }
    }

    /** Called on checkpoint and at end of input: returns only once everything written so far is indexed. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        ingester.flush();
        long deadline = System.currentTimeMillis() + FLUSH_TIMEOUT_MS;
        synchronized (lock) {
            while (inFlight > 0 && failure.get() == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IOException(inFlight + " documents still not acknowledged by Elasticsearch after "
                            + FLUSH_TIMEOUT_MS / 1000 + " s");
                }
                lock.wait(Math.min(left, 1000));
                if (inFlight > 0) {
                    ingester.flush();
                }
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw new IOException("bulk request to Elasticsearch failed: " + t.getMessage(), t);
        }
    }

    @Override
    public void close() throws Exception {
        ingester.close();
        client._transport().close();
    }

    private final class Listener implements BulkListener<Void> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Void> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Void> contexts, BulkResponse response) {
            int failed = 0;
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null || (item.status() == 404 && item.operationType() == OperationType.Delete)) {
                    continue; // deleting what is already gone is fine
                }
                if (item.status() == 429 || item.status() >= 500) {
                    // Overload or node trouble: fail the checkpoint so Flink replays from the last one.
                    failure.compareAndSet(null, new IOException(item.status() + " " + item.error().reason()));
                } else {
                    // A document Elasticsearch will never accept (mapping conflict): retrying cannot help.
                    failed++;
                    LOG.error("Elasticsearch rejected {}/{}: {} {}", item.index(), item.id(), item.status(),
                            item.error().reason());
                }
            }
            indexed.inc(response.items().size() - failed);
            rejected.inc(failed);
            done(request.operations().size());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Void> contexts, Throwable error) {
            failure.compareAndSet(null, error);
            done(request.operations().size());
        }

        private void done(int operations) {
            synchronized (lock) {
                inFlight -= operations;
                lock.notifyAll();
            }
        }
    }
}
