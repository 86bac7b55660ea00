package io.callsight.nlp.text;

import java.util.Locale;
import java.util.Optional;

/** Languages the NLU handles. MIXED is code-switched speech (common in zh contact centers: "我的 account 被锁了"). */
public enum Language {
    EN, ZH, MIXED, UNKNOWN;

    /** Parses the tenant-file spelling ("en", "zh", "en-US", "zh-CN"); MIXED/UNKNOWN are detector outputs only. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) return Optional.empty();
        String t = tag.trim().toLowerCase(Locale.ROOT);
        if (t.equals("en") || t.startsWith("en-") || t.startsWith("en_")) return Optional.of(EN);
        if (t.equals("zh") || t.startsWith("zh-") || t.startsWith("zh_")) return Optional.of(ZH);
        return Optional.empty();
    }
}
