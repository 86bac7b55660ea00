package io.callsight.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.callsight.search.ElasticsearchClients;
import io.callsight.search.Indices;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.CallStatus;
import io.callsight.search.schema.InsightFields;
import io.callsight.search.schema.UtteranceFields;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.elasticsearch.client.ResponseException;

/** The transcript searches: is a call indexed yet, and what was said in it; only ever within a {@link TenantScope}. */
public final class TranscriptQueries implements AutoCloseable {
    private final ElasticsearchClient client;
    private final TenantScope scope;

    /** Connects to {@code esUrl} with the API key in {@code ES_API_KEY}, if set (production clusters). */
    public TranscriptQueries(String esUrl, TenantScope scope) {
        this(ElasticsearchClients.connect(esUrl, System.getenv("ES_API_KEY")), scope);
    }

    public TranscriptQueries(ElasticsearchClient client, TenantScope scope) {
        this.client = client;
        this.scope = scope;
    }

    /** {@code intent}, {@code intentConfidence} and {@code sentiment} come from the insight (null/0 when absent). */
    public record Line(String track, int idx, long startMs, long endMs, String text, double confidence, String intent,
            double intentConfidence, String sentiment) {

        /** Reads an utterance document as {@code UtteranceDocuments} writes it. */
        public static Line of(Map<?, ?> doc) {
            Map<?, ?> insight = doc.get(UtteranceFields.INSIGHT) instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> sentiment = insight.get(InsightFields.SENTIMENT) instanceof Map<?, ?> m ? m : Map.of();
            return new Line((String) doc.get(UtteranceFields.TRACK), ((Number) doc.get(UtteranceFields.IDX)).intValue(),
                    ((Number) doc.get(UtteranceFields.START_MS)).longValue(),
                    ((Number) doc.get(UtteranceFields.END_MS)).longValue(), (String) doc.get(UtteranceFields.TEXT),
                    ((Number) doc.get(UtteranceFields.CONFIDENCE)).doubleValue(), (String) insight.get(InsightFields.INTENT),
                    insight.get(InsightFields.CONFIDENCE) instanceof Number n ? n.doubleValue() : 0,
                    (String) sentiment.get(InsightFields.SENTIMENT_LABEL));
        }
    }

    /** Waits until every call's document says all its tracks are transcribed; reports how many are done. */
    public Set<String> awaitTranscribed(Collection<String> callIds, Duration timeout, IntConsumer progress)
            throws IOException, InterruptedException {
        return awaitTranscribed(callIds, 0, timeout, progress);
    }

    /** As above, counting only call documents updated at or after {@code sinceMs} (a re-import). */
    public Set<String> awaitTranscribed(Collection<String> callIds, long sinceMs, Duration timeout, IntConsumer progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> done = Set.of();
        int reported = -1;
        while (true) {
            try {
                done = transcribedAmong(callIds, sinceMs);
            } catch (ResponseException e) {
                // A just-created index answers 503 until its shard is assigned: keep polling until the deadline.
                if (e.getResponse().getStatusLine().getStatusCode() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (done.size() != reported) {
                progress.accept(done.size());
                reported = done.size();
            }
            if (done.containsAll(callIds) || System.nanoTime() > deadline) {
                return done;
            }
            Thread.sleep(500);
        }
    }

    private Set<String> transcribedAmong(Collection<String> callIds, long sinceMs) throws IOException {
        List<FieldValue> ids = callIds.stream().map(FieldValue::of).toList();
        try {
            SearchResponse<Map> response = client.search(s -> s.index(Indices.CALLS)
                    .size(callIds.size())
                    .query(q -> q.bool(b -> b
                            .filter(scope.filter())
                            .filter(f -> f.terms(t -> t.field(CallFields.CALL_ID).terms(v -> v.value(ids))))
                            .filter(f -> f.range(r -> r.date(d -> d.field(CallFields.UPDATED_AT).gte(String.valueOf(sinceMs)))))
                            .filter(f -> f.terms(t -> t.field(CallFields.STATUS).terms(v -> v.value(
                                    List.of(FieldValue.of(CallStatus.COMPLETED), FieldValue.of(CallStatus.INCOMPLETE)))))))),
                    Map.class);
            Set<String> done = new HashSet<>();
            for (Hit<Map> hit : response.hits().hits()) {
                // Call and utterance documents reach Elasticsearch from different sink subtasks: a call is
                // only done once all the utterances its document counts are searchable too.
                long expected = ((Number) hit.source().get(CallFields.UTTERANCE_COUNT)).longValue();
                if (utterancesIndexedSince(hit.id(), sinceMs) >= expected) {
                    done.add(hit.id());
                }
            }
            return done;
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return Set.of(); // nothing indexed yet
            }
            throw e;
        }
    }

    private long utterancesIndexedSince(String callId, long sinceMs) throws IOException {
        client.indices().refresh(r -> r.index(Indices.UTTERANCES).ignoreUnavailable(true));
        return client.count(c -> c.index(Indices.UTTERANCES).ignoreUnavailable(true)
                .query(q -> q.bool(b -> b
                        .filter(scope.filter())
                        .filter(f -> f.term(t -> t.field(UtteranceFields.CALL_ID).value(callId)))
                        .filter(f -> f.range(r -> r.date(d -> d.field(UtteranceFields.INDEXED_AT).gte(String.valueOf(sinceMs)))))))).count();
    }

    /** The call's document as indexed, or null (also when the call is another tenant's: a get ignores filters). */
    public Map<?, ?> call(String callId) throws IOException {
        var response = client.get(g -> g.index(Indices.CALLS).id(callId), Map.class);
        return response.found() && scope.allows(response.source()) ? response.source() : null;
    }

    /**
     * The call's document once its finished-call analysis is in (it has any of {@code fields}, e.g. {@code compliance}
     * and {@code sentiment}, which arrive together once the call's last utterance is through NLU, shortly after the
     * call shows as transcribed); null when none has arrived within {@code timeout} (no rules and no sentiment model,
     * or the call is not finished).
     */
    public Map<?, ?> awaitAnalysis(String callId, Duration timeout, String... fields) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<?, ?> call = call(callId);
            if (call != null && java.util.Arrays.stream(fields).anyMatch(f -> call.get(f) instanceof Map<?, ?>)) {
                return call;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(250);
        }
    }

    public List<Line> transcript(String callId) throws IOException {
        return transcript(callId, 0);
    }

    /**
     * The call's utterances indexed at or after {@code sinceMs}: after a re-import, the new transcription only.
     * A call transcribed again may cut its utterances differently, and the old run's documents stay indexed.
     */
    public List<Line> transcript(String callId, long sinceMs) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Map<?, ?> doc : utterances(callId, sinceMs)) {
            lines.add(Line.of(doc));
        }
        return lines;
    }

    /** The call's utterance documents as indexed (with their {@code insight}), in order of time. */
    public List<Map<?, ?>> utterances(String callId) throws IOException {
        return utterances(callId, 0);
    }

    private List<Map<?, ?>> utterances(String callId, long sinceMs) throws IOException {
        client.indices().refresh(r -> r.index(Indices.UTTERANCES));
        SearchResponse<Map> response = client.search(s -> s.index(Indices.UTTERANCES)
                .size(2000)
                .query(q -> q.bool(b -> b
                        .filter(scope.filter())
                        .filter(f -> f.term(t -> t.field(UtteranceFields.CALL_ID).value(callId)))
                        .filter(f -> f.range(r -> r.date(d -> d.field(UtteranceFields.INDEXED_AT).gte(String.valueOf(sinceMs)))))))
                .sort(o -> o.field(f -> f.field(UtteranceFields.START_MS).order(SortOrder.Asc))),
                Map.class);
        List<Map<?, ?>> docs = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            docs.add(hit.source());
        }
        return docs;
    }

    @Override
    public void close() throws IOException {
        client._transport().close();
    }
}
