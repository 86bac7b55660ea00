package io.callsight.nlp.entities;

/**
 * An entity mention. {@code text} is exactly {@code source.substring(start, end)}; {@code value} is canonical:
 * digits for numbers/phones/cards, "25.50 USD" for money, ISO dates ("2025-03-04", "--03-04" without year),
 * "HH:mm" for times, "john.smith@example.com" for e-mails (spoken or written).
 */
public record Entity(EntityType type, String text, String value, int start, int end) {
    public boolean overlaps(int s, int e) {
        return start < e && s < end;
    }
}
