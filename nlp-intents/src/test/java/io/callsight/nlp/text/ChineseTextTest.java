package io.callsight.nlp.text;

import io.callsight.nlp.text.ChineseText.NerType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChineseTextTest {
    @Test
    void segmentsOnlyHanRunsAndKeepsOffsets() {
        String text = "我想查询 my bill 账单";
        var segs = ChineseText.segment(text);
        assertTrue(segs.stream().noneMatch(s -> s.word().isBlank()), "no /w space tokens: " + segs);
        assertEquals(List.of("我", "想", "查询", "my", "bill", "账单"), segs.stream().map(ChineseText.Segmented::word).toList());
        for (var s : segs) assertEquals(s.word(), text.substring(s.start(), s.end()).toLowerCase());
    }

    @Test
    void tonelessPinyin() {
        assertEquals("zhong guo yi dong", ChineseText.pinyin("中国移动"));
        assertEquals(List.of("zhong", "a", "guo"), ChineseText.pinyinPerChar("中A国").stream().toList().subList(0, 3)
                .stream().map(String::toLowerCase).toList());
    }

    @Test
    void hmmNerFindsPersonPlaceOrganizationOffline() {
        String text = "张伟去了上海浦东的华为技术有限公司";
        var ents = ChineseText.namedEntities(text);
        assertTrue(ents.contains(new ChineseText.NamedEntity(NerType.PERSON, "张伟", 0, 2)), ents.toString());
        assertTrue(ents.stream().anyMatch(e -> e.type() == NerType.PLACE && e.text().equals("上海浦东")), ents.toString());
        assertTrue(ents.stream().anyMatch(e -> e.type() == NerType.ORGANIZATION && e.text().equals("华为技术有限公司")),
                ents.toString());
    }

    @Test
    void tokenizerPicksByLanguage() {
        assertEquals(List.of("my", "card", "456"), Tokenizer.auto().tokenize("My card, four five six"));
        assertEquals(List.of("我", "想", "查询", "账单"), Tokenizer.auto().tokenize("我想查询账单"));
        assertEquals(List.of("i", "can't"), Tokenizer.forLanguage(Language.EN).tokenize("I can't"));
    }
}
