package io.callsight.jobs.speech;

import io.callsight.search.ElasticsearchDocument;
import io.callsight.search.Indices;
import io.callsight.search.schema.UtteranceDocuments;

/** How the job's results become Elasticsearch documents; ids come from the data so a replay overwrites. */
public final class Documents {
    private Documents() {
    }

    /** The redacted utterance with its insight (if the analysis succeeded). */
    public static ElasticsearchDocument utterance(AnalyzedUtterance a) {
        return UtteranceDocuments.of(a.utterance(), a.insight(), System.currentTimeMillis());
    }

    public static ElasticsearchDocument call(CallDocument call) {
        return new ElasticsearchDocument(Indices.CALLS, call.callId, call.toSource(System.currentTimeMillis()));
    }
}
