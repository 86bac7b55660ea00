package io.callsight.nlp.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LanguageDetectorTest {
    private final LanguageDetector d = new LanguageDetector();

    @Test
    void detectsByScriptShare() {
        assertEquals(Language.EN, d.detect("I want to check my bill"));
        assertEquals(Language.ZH, d.detect("我想查询一下我的账单"));
        assertEquals(Language.ZH, d.detect("我的账单有问题 OK"));
        assertEquals(Language.MIXED, d.detect("我的 account 被 lock 了 please help me now"));
        assertEquals(Language.UNKNOWN, d.detect("?!  ..."));
        assertEquals(Language.UNKNOWN, d.detect(""));
    }

    @Test
    void runsCoverWholeText() {
        var runs = LanguageDetector.runs("我的 account 被锁了");
        assertEquals(3, runs.size());
        assertTrue(runs.get(0).han());
        assertEquals(" account ", runs.get(1).text());
        assertEquals("被锁了", runs.get(2).text());
    }

    @Test
    void languageTags() {
        assertEquals(Language.EN, Language.fromTag("en-US").orElseThrow());
        assertEquals(Language.ZH, Language.fromTag("zh").orElseThrow());
        assertTrue(Language.fromTag("fr").isEmpty());
    }
}
