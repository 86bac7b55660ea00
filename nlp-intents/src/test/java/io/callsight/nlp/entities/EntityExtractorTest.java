package io.callsight.nlp.entities;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class EntityExtractorTest {
    // Tuesday 2025-03-04
    private final EntityExtractor x = new EntityExtractor(Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC));

    private Optional<Entity> first(String text, EntityType type) {
        return x.extract(text).stream().filter(e -> e.type() == type).findFirst();
    }

    private void assertEntity(String text, EntityType type, String surface, String value) {
        List<Entity> all = x.extract(text);
        Entity e = all.stream().filter(en -> en.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + all));
        assertEquals(surface, e.text(), all.toString());
        assertEquals(value, e.value(), all.toString());
        assertEquals(surface, text.substring(e.start(), e.end()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "it was $25 last month|MONEY|$25|25 USD",
            "I paid twenty five dollars|MONEY|twenty five dollars|25 USD",
            "about 25 euros|MONEY|25 euros|25 EUR",
            "that's $1,250.50 total|MONEY|$1,250.50|1250.50 USD",
            "five dollars and fifty cents|MONEY|five dollars and fifty cents|5.50 USD",
            "can you come tomorrow at noon|DATE|tomorrow|2025-03-05",
            "can you come tomorrow at noon|TIME|noon|12:00",
            "on March the fourth please|DATE|March the fourth|--03-04",
            "on March 4th 2026|DATE|March 4th 2026|2026-03-04",
            "the twenty first of June|DATE|the twenty first of June|--06-21",
            "it shipped 2025-03-04|DATE|2025-03-04|2025-03-04",
            "due 3/15/2025|DATE|3/15/2025|2025-03-15",
            "next monday works|DATE|next monday|2025-03-10",
            "let's say nine thirty|TIME|nine thirty|09:30",
            "at 3 pm|TIME|3 pm|15:00",
            "around 10:45 a.m.|TIME|10:45 a.m.|10:45",
            "at seven in the evening|TIME|seven in the evening|19:00",
            "call me on 555-123-4567|PHONE|555-123-4567|5551234567",
            "my number is five five five one two three four five six seven|PHONE|five five five one two three four five six seven|5551234567",
            "reach me at +44 20 7946 0958|PHONE|+44 20 7946 0958|+442079460958",
            "card 4111 1111 1111 1111 thanks|CARD_NUMBER|4111 1111 1111 1111|4111111111111111",
            "my account number is four five six seven eight nine|ACCOUNT_NUMBER|four five six seven eight nine|456789",
            "email john.smith@example.com now|EMAIL|john.smith@example.com|john.smith@example.com",
            "it's john dot smith at example dot com|EMAIL|john dot smith at example dot com|john.smith@example.com",
            "mary underscore lee at mail dot co dot uk|EMAIL|mary underscore lee at mail dot co dot uk|mary_lee@mail.co.uk",
            "I have three kids|NUMBER|three|3",
            "about 3.5 percent|NUMBER|3.5|3.5",
    })
    void extracts(String text, EntityType type, String surface, String value) {
        assertEntity(text, type, surface, value);
    }

    @Test
    void luhnInvalidSixteenDigitsIsNotACard() {
        List<Entity> all = x.extract("card 4111 1111 1111 1112");
        assertTrue(all.stream().noneMatch(e -> e.type() == EntityType.CARD_NUMBER), all.toString());
        assertEquals(EntityType.ACCOUNT_NUMBER, all.get(0).type());
    }

    @Test
    void datesAndMoneyAreNotPhones() {
        List<Entity> all = x.extract("on 2025-03-04 I paid $1,250 and 1-800 is not it");
        assertTrue(all.stream().noneMatch(e -> e.type() == EntityType.PHONE), all.toString());
        assertEquals(EntityType.DATE, all.get(0).type());
        assertEquals(EntityType.MONEY, all.get(1).type());
    }

    @Test
    void atWithoutDomainIsNotEmail() {
        assertTrue(first("I'll be at home dot later", EntityType.EMAIL).isEmpty());
        assertTrue(first("we met at the office", EntityType.EMAIL).isEmpty());
    }

    @Test
    void mayAsVerbIsNotADate() {
        assertTrue(first("you may want to check", EntityType.DATE).isEmpty());
        assertTrue(first("we march on", EntityType.DATE).isEmpty());
    }

    @Test
    void forTwoIsJustANumberTwo() {
        List<Entity> all = x.extract("a table for two");
        assertEquals(1, all.size(), all.toString());
        assertEquals("two", all.get(0).text());
        assertEquals("2", all.get(0).value());
    }

    @Test
    void chineseNamedEntitiesViaHanlp() {
        List<Entity> all = x.extract("我叫王小明，住在北京市朝阳区");
        assertTrue(all.contains(new Entity(EntityType.PERSON, "王小明", "王小明", 2, 5)), all.toString());
        assertTrue(all.stream().anyMatch(e -> e.type() == EntityType.PLACE && e.text().equals("北京市朝阳区")), all.toString());
    }

    @Test
    void entityTypeNames() {
        assertEquals(EntityType.CARD_NUMBER, EntityType.fromName("card-number").orElseThrow());
        assertEquals(EntityType.ACCOUNT_NUMBER, EntityType.fromName("account").orElseThrow());
        assertTrue(EntityType.fromName("shoe_size").isEmpty());
        assertTrue(Luhn.valid("79927398713"));
        assertFalse(Luhn.valid("79927398710"));
    }
}
