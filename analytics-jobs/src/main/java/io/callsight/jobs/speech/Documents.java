package io.callsight.jobs.speech;

import io.callsight.events.Insight;
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

    /** The redacted utterance with its insight (if the analysis succeeded) under {@code insight}. */
    public static ElasticsearchDocument utterance(AnalyzedUtterance a) {
        ElasticsearchDocument doc = utterance(a.utterance());
        if (a.insight() != null) {
            doc.source().put("insight", insight(a.insight()));
        }
        return doc;
    }

    static Map<String, Object> insight(Insight i) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("language", i.language());
        doc.put("intent", i.intent());
        doc.put("confidence", i.confidence());
        doc.put("model", i.intentModel());
        doc.put("variant", i.variant());
        if (i.intentRoute() != null) {
            doc.put("route", i.intentRoute());
        }
        if (i.sentiment() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", i.sentiment().label());
            s.put("score", i.sentiment().score());
            s.put("model", i.sentiment().model());
            doc.put("sentiment", s);
        }
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Insight.EntityMention e : i.entities()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", e.type());
            m.put("text", e.text());
            m.put("value", e.value());
            m.put("start", e.start());
            m.put("end", e.end());
            entities.add(m);
        }
        doc.put("entities", entities);
        List<Map<String, Object>> keywords = new ArrayList<>();
        for (Insight.KeywordMatch k : i.keywords()) {
            keywords.add(Map.of("group", k.group(), "keyword", k.keyword(), "matchedText", k.matchedText(), "kind", k.kind()));
        }
        doc.put("keywords", keywords);
        doc.put("violations", i.violations());
        doc.put("redactions", i.redactions());
        return doc;
    }

    /** An utterance as given; callers index only redacted utterances (see {@link AnalyzeUtterances}). */
    public static ElasticsearchDocument utterance(Utterance u) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant", u.tenant());
        doc.put("callId", u.callId());
        doc.put("track", u.track().name());
        doc.put("idx", u.idx());
        doc.put("startMs", u.startMs());
        doc.put("endMs", u.endMs());
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
