package io.callsight.jobs.speech;

import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.jobs.elasticsearch.ElasticsearchDocument;
import io.callsight.jobs.elasticsearch.IndexTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How events become Elasticsearch documents; ids come from the data so a replay overwrites. */
public final class Documents {
    private Documents() {
    }

    public static ElasticsearchDocument utterance(Utterance u) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant", u.tenant());
        doc.put("callId", u.callId());
        doc.put("track", u.track().name());
        doc.put("idx", u.idx());
        doc.put("startMs", u.startMs());
        doc.put("endMs", u.endMs());
        // Once redaction lands, only the redacted text may reach the index.
        doc.put("text", u.redactedText() != null ? u.redactedText() : u.text());
        doc.put("confidence", u.confidence());
        List<Map<String, Object>> words = new ArrayList<>(u.words().size());
        for (Word w : u.words()) {
            words.add(Map.of("w", w.word(), "s", w.startMs(), "e", w.endMs(), "c", w.confidence()));
        }
        doc.put("words", words);
        doc.put("wordCount", u.words().size());
        doc.put("indexedAt", System.currentTimeMillis());
        return new ElasticsearchDocument(IndexTemplates.UTTERANCES, u.id(), doc);
    }

    public static ElasticsearchDocument call(CallDocument call) {
        return new ElasticsearchDocument(IndexTemplates.CALLS, call.callId, call.toSource(System.currentTimeMillis()));
    }
}
