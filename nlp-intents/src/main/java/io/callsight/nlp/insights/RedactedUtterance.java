package io.callsight.nlp.insights;

import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.nlp.redaction.PiiSpan;
import io.callsight.nlp.redaction.Redaction;
import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.redaction.RedactionPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a redaction to the whole utterance, not only its text: recognized words carry the same digits and
 * addresses, so a word inside a redacted span becomes the placeholder (consecutive words of one span merge into
 * one placeholder word spanning their time). The result is what may be indexed and published.
 */
public final class RedactedUtterance {
    private static final Redactor FAILSAFE = new Redactor(RedactionPolicy.all());

    private RedactedUtterance() {
    }

    public static Utterance of(Utterance u, Redaction redaction) {
        if (redaction.spans().isEmpty()) {
            return new Utterance(u.tenant(), u.callId(), u.track(), u.idx(), u.startMs(), u.endMs(), u.text(), u.text(),
                    u.words(), u.confidence(), u.isFinal());
        }
        return new Utterance(u.tenant(), u.callId(), u.track(), u.idx(), u.startMs(), u.endMs(), redaction.text(),
                redaction.text(), words(u.text(), u.words(), redaction.spans()), u.confidence(), u.isFinal());
    }

    /**
     * For when the tenant's analysis failed: redact with every category on, and if even that fails, keep no text
     * at all. Unredacted text must never be the fallback.
     */
    public static Utterance failsafe(Utterance u) {
        try {
            return of(u, FAILSAFE.redact(u.text()));
        } catch (RuntimeException e) {
            return new Utterance(u.tenant(), u.callId(), u.track(), u.idx(), u.startMs(), u.endMs(), "", "", List.of(),
                    u.confidence(), u.isFinal());
        }
    }

    static List<Word> words(String text, List<Word> words, List<PiiSpan> spans) {
        List<Word> out = new ArrayList<>(words.size());
        int from = 0;
        PiiSpan open = null; // the span the previous word was merged into
        for (Word w : words) {
            int start = text.indexOf(w.word(), from);
            if (start < 0) {
                // text and words disagree (should not happen with Vosk): drop words rather than risk leaking them
                return spans.isEmpty() ? words : new ArrayList<>();
            }
            int end = start + w.word().length();
            from = end;
            PiiSpan hit = null;
            for (PiiSpan s : spans) {
                if (s.start() < end && start < s.end()) {
                    hit = s;
                    break;
                }
            }
            if (hit == null) {
                out.add(w);
                open = null;
            } else if (hit == open) {
                Word last = out.remove(out.size() - 1);
                out.add(new Word(last.word(), last.startMs(), w.endMs(), Math.min(last.confidence(), w.confidence())));
            } else {
                out.add(new Word(hit.category().placeholder(), w.startMs(), w.endMs(), w.confidence()));
                open = hit;
            }
        }
        return out;
    }
}
