package io.callsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.callsight.events.Insight;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.search.query.TranscriptQueries;
import io.callsight.search.schema.StrictMappings;
import io.callsight.search.schema.UtteranceDocuments;
import io.callsight.search.schema.UtteranceFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer and the readers of utterance documents agree on one schema, and the strict template maps all of it. */
class UtteranceDocumentsTest {
    private static Utterance utterance() {
        return new Utterance("acme", "call-1", Track.CUSTOMER, 3, 1200, 2900, "my card 4111 1111 1111 1111 is lost",
                "my card [CARD] is lost", List.of(new Word("my", 1200, 1400, 0.9), new Word("card", 1400, 1800, 0.8)),
                0.85, true);
    }

    private static Insight insight() {
        return new Insight("acme", "call-1", Track.CUSTOMER, 3, "en", "report_lost_card", 0.93, "v2", Insight.CANDIDATE,
                new Insight.SentimentReading("negative", -0.6, "_shared/sentiment-en/v1"),
                List.of(new Insight.EntityMention("card", "[CARD]", "[CARD]", 8, 14)),
                List.of(new Insight.KeywordMatch("loss", "lost", "lost", "exact")), List.of("no_blame"), List.of("card"),
                "my card [CARD] is lost", Insight.ROUTE_ENCODER);
    }

    @Test
    void aFullDocumentFitsTheStrictTemplate() {
        ElasticsearchDocument doc = UtteranceDocuments.of(utterance(), insight(), 42);
        assertEquals(Indices.UTTERANCES, doc.index());
        assertEquals("call-1/CUSTOMER/3", doc.id());
        assertEquals(List.of(), StrictMappings.unmapped(Indices.UTTERANCES, doc.source()));
    }

    @Test
    void onlyTheRedactedTextIsIndexed() {
        Map<String, Object> source = UtteranceDocuments.of(utterance(), insight(), 42).source();
        assertEquals("my card [CARD] is lost", source.get(UtteranceFields.TEXT));
        assertFalse(source.toString().contains("4111"), source.toString());
    }

    @Test
    void theTranscriptReaderReadsWhatTheWriterWrote() {
        TranscriptQueries.Line line = TranscriptQueries.Line.of(UtteranceDocuments.of(utterance(), insight(), 42).source());
        assertEquals(new TranscriptQueries.Line("CUSTOMER", 3, 1200, 2900, "my card [CARD] is lost", 0.85,
                "report_lost_card", 0.93, "negative"), line);
    }

    @Test
    void anUtteranceWithoutInsightReadsAsNoIntentNoSentiment() {
        TranscriptQueries.Line line = TranscriptQueries.Line.of(UtteranceDocuments.of(utterance(), null, 42).source());
        assertNull(line.intent());
        assertNull(line.sentiment());
        assertEquals(0, line.intentConfidence());
    }

    @Test
    void aFieldTheTemplateLacksIsNamed() {
        Map<String, Object> source = new java.util.HashMap<>(UtteranceDocuments.of(utterance(), null, 42).source());
        source.put("speaker", "x");
        source.put(UtteranceFields.INSIGHT, Map.of("mood", "sad"));
        assertEquals(List.of("insight.mood", "speaker"), StrictMappings.unmapped(Indices.UTTERANCES, source).stream().sorted().toList());
    }
}
