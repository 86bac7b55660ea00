package io.callsight.search.schema;

import io.callsight.events.Insight;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.search.ElasticsearchDocument;
import io.callsight.search.Indices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How an utterance and its insight become a {@code callsight-utterances} document; the id comes from the data. */
public final class UtteranceDocuments {
    private UtteranceDocuments() {
    }

    /**
     * The utterance as given, with its insight (null when the analysis failed) under {@code insight}. Callers pass
     * only redacted utterances: the text indexed is {@link Utterance#redactedText()} when set.
     */
    public static ElasticsearchDocument of(Utterance u, Insight insight, long indexedAtMs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(UtteranceFields.TENANT, u.tenant());
        doc.put(UtteranceFields.CALL_ID, u.callId());
        doc.put(UtteranceFields.TRACK, u.track().name());
        doc.put(UtteranceFields.IDX, u.idx());
        doc.put(UtteranceFields.START_MS, u.startMs());
        doc.put(UtteranceFields.END_MS, u.endMs());
        doc.put(UtteranceFields.TEXT, u.redactedText() != null ? u.redactedText() : u.text());
        doc.put(UtteranceFields.CONFIDENCE, u.confidence());
        List<Map<String, Object>> words = new ArrayList<>(u.words().size());
        for (Word w : u.words()) {
            words.add(Map.of(UtteranceFields.WORD, w.word(), UtteranceFields.WORD_START, w.startMs(),
                    UtteranceFields.WORD_END, w.endMs(), UtteranceFields.WORD_CONFIDENCE, w.confidence()));
        }
        doc.put(UtteranceFields.WORDS, words);
        doc.put(UtteranceFields.WORD_COUNT, u.words().size());
        doc.put(UtteranceFields.INDEXED_AT, indexedAtMs);
        if (insight != null) {
            doc.put(UtteranceFields.INSIGHT, insight(insight));
        }
        return new ElasticsearchDocument(Indices.UTTERANCES, u.id(), doc);
    }

    static Map<String, Object> insight(Insight i) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(InsightFields.LANGUAGE, i.language());
        doc.put(InsightFields.INTENT, i.intent());
        doc.put(InsightFields.CONFIDENCE, i.confidence());
        doc.put(InsightFields.MODEL, i.intentModel());
        doc.put(InsightFields.VARIANT, i.variant());
        if (i.intentRoute() != null) {
            doc.put(InsightFields.ROUTE, i.intentRoute());
        }
        if (i.sentiment() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put(InsightFields.SENTIMENT_LABEL, i.sentiment().label());
            s.put(InsightFields.SENTIMENT_SCORE, i.sentiment().score());
            s.put(InsightFields.SENTIMENT_MODEL, i.sentiment().model());
            doc.put(InsightFields.SENTIMENT, s);
        }
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Insight.EntityMention e : i.entities()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(InsightFields.ENTITY_TYPE, e.type());
            m.put(InsightFields.ENTITY_TEXT, e.text());
            m.put(InsightFields.ENTITY_VALUE, e.value());
            m.put(InsightFields.ENTITY_START, e.start());
            m.put(InsightFields.ENTITY_END, e.end());
            entities.add(m);
        }
        doc.put(InsightFields.ENTITIES, entities);
        List<Map<String, Object>> keywords = new ArrayList<>();
        for (Insight.KeywordMatch k : i.keywords()) {
            keywords.add(Map.of(InsightFields.KEYWORD_GROUP, k.group(), InsightFields.KEYWORD, k.keyword(),
                    InsightFields.KEYWORD_MATCHED_TEXT, k.matchedText(), InsightFields.KEYWORD_KIND, k.kind()));
        }
        doc.put(InsightFields.KEYWORDS, keywords);
        doc.put(InsightFields.VIOLATIONS, i.violations());
        doc.put(InsightFields.REDACTIONS, i.redactions());
        return doc;
    }
}
