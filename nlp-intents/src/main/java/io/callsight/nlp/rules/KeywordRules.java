package io.callsight.nlp.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tenant's keyword groups and compliance rules (see {@link KeywordRulesFile} for the YAML). */
public record KeywordRules(String source, String tenant, String language, Map<String, List<Keyword>> keywordGroups,
                           List<MustSayRule> mustSay, List<MustNotSayRule> mustNotSay) {
    public KeywordRules {
        keywordGroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywordGroups));
        mustSay = List.copyOf(mustSay);
        mustNotSay = List.copyOf(mustNotSay);
    }

    /** Keyword spotter over all groups. */
    public PhraseMatcher keywordMatcher() {
        List<PhraseMatcher.Phrase> phrases = new ArrayList<>();
        keywordGroups.forEach((g, kws) -> kws.forEach(k -> phrases.add(new PhraseMatcher.Phrase(g, k.text()))));
        return new PhraseMatcher(phrases);
    }
}
