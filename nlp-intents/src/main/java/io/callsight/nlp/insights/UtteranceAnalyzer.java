package io.callsight.nlp.insights;

import io.callsight.events.Insight;
import io.callsight.events.Track;
import io.callsight.nlp.classify.CascadeModel;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.entities.Entity;
import io.callsight.nlp.entities.EntityExtractor;
import io.callsight.nlp.redaction.PiiSpan;
import io.callsight.nlp.redaction.Redaction;
import io.callsight.nlp.redaction.TrackTail;
import io.callsight.nlp.rules.ComplianceResult;
import io.callsight.nlp.rules.KeywordHit;
import io.callsight.nlp.rules.TimedUtterance;
import io.callsight.nlp.sentiment.Sentiment;
import io.callsight.nlp.sentiment.SentimentAnalyzer;
import io.callsight.nlp.text.Language;
import io.callsight.nlp.text.LanguageDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one final utterance into an {@link Insight}: language, redaction per the tenant's policy, entities,
 * vocabulary correction, intent (current or grayscale candidate model), sentiment, keyword hits and must-not-say
 * violations. Models come from the {@link ModelRegistry}, so a new version is used as soon as the registry sees it.
 * <p>Recognition errors are corrected before the models and rules see the text, but entities and redaction work on
 * the text as recognized, because their offsets must match the transcript that gets indexed.
 * <p>Its parts hold no per-call state, so the snapshots shared through the registry are safe across the operator
 * instances of a task manager; each instance still gets its own analyzer.
 */
public final class UtteranceAnalyzer {
    /** Sentiment scores within ±0.2 are "neutral": most contact-center turns are neither. */
    static final double NEUTRAL_BAND = 0.2;

    private final ModelRegistry registry;
    private final LanguageDetector languages = new LanguageDetector();
    private final EntityExtractor entities = new EntityExtractor();

    public UtteranceAnalyzer(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * @throws UnknownTenantException when {@code tenant} is not a tenant id
     * @throws IllegalStateException  when the tenant's configuration or models cannot be loaded at all
     */
    public Analysis analyze(String tenant, String callId, Track track, int utteranceIdx, String text) {
        return analyze(tenant, callId, track, utteranceIdx, text, TrackTail.NONE);
    }

    /**
     * Like {@link #analyze(String, String, Track, int, String)}, with the end of the track's previous utterance
     * ({@link TrackTail#of}; {@link TrackTail#NONE} for none), so a personal number a pause split in two is still
     * removed from this utterance.
     */
    public Analysis analyze(String tenant, String callId, Track track, int utteranceIdx, String text, TrackTail previous) {
        return analyze(tenant, callId, track, utteranceIdx, text, previous, null);
    }

    /**
     * Like {@link #analyze(String, String, Track, int, String, TrackTail)}, knowing what the track said next:
     * {@code following} is the next utterance's text, "" when none followed (the utterance is complete), null when
     * it is not known yet ({@link io.callsight.nlp.redaction.Redactor#redact(String, TrackTail, String)}).
     */
    public Analysis analyze(String tenant, String callId, Track track, int utteranceIdx, String text, TrackTail previous,
                            String following) {
        TenantModels m = registry.tenant(tenant);
        Language language = languages.detect(text);
        Redaction redaction = m.redactor().redact(text, previous, following);
        String nluText = m.corrector() == null ? text : m.corrector().correct(text).text();

        String intent = null;
        double confidence = 0;
        String route = null;
        LoadedModel intentModel = m.intentsFor(callId);
        if (intentModel != null && !nluText.isBlank()) {
            Prediction p;
            if (intentModel.classifier() instanceof CascadeModel cascade) { // which member answered: what it costs
                CascadeModel.Routed r = cascade.predictRouted(nluText);
                p = r.prediction();
                route = r.escalated() ? Insight.ROUTE_ENCODER : Insight.ROUTE_BAG;
            } else {
                p = intentModel.classifier().predict(nluText);
            }
            intent = p.outOfScope() ? null : p.label();
            confidence = p.confidence();
        }

        Insight.SentimentReading sentiment = null;
        LoadedModel sentimentModel = m.sentimentFor(callId, language);
        if (sentimentModel != null && !nluText.isBlank()) {
            // a line that is nothing but personal data (an account number read out) carries no feeling
            Sentiment s = onlyPersonalData(redaction) ? new Sentiment("neutral", 0)
                    : new SentimentAnalyzer(sentimentModel.classifier(), NEUTRAL_BAND).analyze(nluText);
            sentiment = new Insight.SentimentReading(s.label(), s.score(), modelName(tenant, sentimentModel));
        }

        List<Insight.KeywordMatch> keywords = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        if (m.keywords() != null) {
            for (KeywordHit h : m.keywords().find(nluText)) {
                keywords.add(new Insight.KeywordMatch(h.group(), h.keyword(), safe(h.matchedText(), h.keyword(), redaction),
                        h.kind().name()));
            }
            ComplianceResult c = m.compliance().evaluate(List.of(new TimedUtterance(track, 0, nluText)));
            Set<String> broken = new LinkedHashSet<>();
            c.violations().forEach(v -> broken.add(v.rule()));
            violations.addAll(broken);
        }

        List<String> removed = new ArrayList<>();
        redaction.spans().forEach(s -> removed.add(s.category().name()));
        Insight insight = new Insight(tenant, callId, track, utteranceIdx, language.name().toLowerCase(Locale.ROOT),
                intent, confidence, intentModel == null ? null : intentModel.version(),
                m.candidateFor(callId) ? Insight.CANDIDATE : Insight.CURRENT, sentiment,
                mentions(entities.extract(text), redaction), keywords, violations, removed, redaction.text(), route);
        return new Analysis(insight, redaction);
    }

    /** Whether nothing with a letter is left once the redacted spans' placeholders are taken out. */
    static boolean onlyPersonalData(Redaction r) {
        if (r.spans().isEmpty()) {
            return false;
        }
        String rest = r.text();
        for (io.callsight.nlp.redaction.PiiCategory c : io.callsight.nlp.redaction.PiiCategory.values()) {
            rest = rest.replace(c.placeholder(), " ");
        }
        return rest.codePoints().noneMatch(Character::isLetter);
    }

    /** Shared models are named so reports can tell them from the tenant's own ("_shared/sentiment-en/v1"). */
    private static String modelName(String tenant, LoadedModel model) {
        Path rel = model.dir().getParent();
        return rel != null && rel.getParent() != null && rel.getParent().getFileName().toString().equals(ModelRegistry.SHARED)
                ? ModelRegistry.SHARED + "/" + rel.getFileName() + "/" + model.version() : model.version();
    }

    /** A keyword match that contains removed personal data is reported by its keyword only. */
    private static String safe(String matched, String keyword, Redaction redaction) {
        for (PiiSpan s : redaction.spans()) {
            if (matched.contains(s.text()) || s.text().contains(matched)) {
                return keyword;
            }
        }
        return matched;
    }

    /**
     * Entities with offsets moved into the redacted text. An entity overlapping a redacted span is reported as
     * its type with the placeholder as text and no value: the category survives, the data does not.
     */
    static List<Insight.EntityMention> mentions(List<Entity> found, Redaction redaction) {
        List<Insight.EntityMention> out = new ArrayList<>(found.size());
        List<PiiSpan> spans = redaction.spans();
        for (Entity e : found) {
            int shift = 0;
            PiiSpan inside = null;
            int insideStart = 0;
            for (PiiSpan s : spans) {
                if (s.start() < e.end() && e.start() < s.end()) {
                    inside = s;
                    insideStart = s.start() + shift;
                    break;
                }
                if (s.end() <= e.start()) {
                    shift += s.category().placeholder().length() - (s.end() - s.start());
                }
            }
            if (inside == null) {
                out.add(new Insight.EntityMention(e.type().yamlName(), e.text(), e.value(), e.start() + shift, e.end() + shift));
            } else {
                String placeholder = inside.category().placeholder();
                out.add(new Insight.EntityMention(e.type().yamlName(), placeholder, null, insideStart,
                        insideStart + placeholder.length()));
            }
        }
        return out;
    }
}
