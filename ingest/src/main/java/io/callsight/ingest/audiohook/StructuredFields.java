package io.callsight.ingest.audiohook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of RFC 8941 (structured header fields) that HTTP message signatures use: dictionaries whose members are
 * items or inner lists, with parameters. Values: sf-string → {@link String}, token → {@link Token}, integer →
 * {@link Long}, decimal → {@link BigDecimal}, boolean → {@link Boolean}, byte sequence → {@code byte[]}.
 */
final class StructuredFields {
    record Token(String value) {
    }

    record Item(Object value, Map<String, Object> params) {
    }

    record InnerList(List<Item> items, Map<String, Object> params) {
    }

    /** A dictionary member: {@code value} is an {@link Item}'s bare value or an {@link InnerList}. */
    record Member(Object value, Map<String, Object> params) {
    }

    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    private final String s;
    private int i;

    private StructuredFields(String s) {
        this.s = s;
    }

    static Map<String, Member> parseDictionary(String field) throws ParseException {
        StructuredFields p = new StructuredFields(field);
        p.skipSp();
        Map<String, Member> out = new LinkedHashMap<>();
        while (!p.end()) {
            String key = p.key();
            Member m;
            if (p.peek('=')) {
                p.i++;
                if (p.peek('(')) {
                    m = new Member(p.innerList(), Map.of());
                } else {
                    Object v = p.bareItem();
                    m = new Member(v, p.params());
                }
            } else {
                m = new Member(Boolean.TRUE, p.params());
            }
            out.put(key, m);
            p.skipOws();
            if (p.end()) {
                break;
            }
            p.expect(',');
            p.skipOws();
            if (p.end()) {
                throw new ParseException("trailing comma");
            }
        }
        return out;
    }

    private InnerList innerList() throws ParseException {
        expect('(');
        List<Item> items = new ArrayList<>();
        while (true) {
            skipSp();
            if (peek(')')) {
                i++;
                return new InnerList(items, params());
            }
            Object v = bareItem();
            items.add(new Item(v, params()));
            if (!peek(' ') && !peek(')')) {
                throw new ParseException("expected a space or ')' at " + i);
            }
        }
    }

    private Map<String, Object> params() throws ParseException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (peek(';')) {
            i++;
            skipSp();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek('=')) {
                i++;
                value = bareItem();
            }
            out.put(key, value);
        }
        return out;
    }

    private String key() throws ParseException {
        int start = i;
        if (end() || !(lcalpha(s.charAt(i)) || s.charAt(i) == '*')) {
            throw new ParseException("expected a key at " + i);
        }
        while (!end() && (lcalpha(s.charAt(i)) || Character.isDigit(s.charAt(i)) || "_-.*".indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        return s.substring(start, i);
    }

    private Object bareItem() throws ParseException {
        if (end()) {
            throw new ParseException("expected an item at end");
        }
        char c = s.charAt(i);
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            return bytes();
        }
        if (c == '?') {
            i++;
            if (peek('1') || peek('0')) {
                return s.charAt(i++) == '1';
            }
            throw new ParseException("bad boolean at " + i);
        }
        if (c == '*' || Character.isLetter(c) && c < 128) {
            int start = i++;
            while (!end() && (tchar(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '/')) {
                i++;
            }
            return new Token(s.substring(start, i));
        }
        throw new ParseException("unexpected '" + c + "' at " + i);
    }

    private Object number() throws ParseException {
        int start = i;
        if (peek('-')) {
            i++;
        }
        int digits = 0;
        boolean decimal = false;
        while (!end() && (Character.isDigit(s.charAt(i)) || (s.charAt(i) == '.' && !decimal))) {
            if (s.charAt(i) == '.') {
                decimal = true;
            } else {
                digits++;
            }
            i++;
        }
        if (digits == 0 || digits > 15 || s.charAt(i - 1) == '.') {
            throw new ParseException("bad number at " + start);
        }
        String text = s.substring(start, i);
        return decimal ? new BigDecimal(text) : Long.parseLong(text);
    }

    private String string() throws ParseException {
        i++;
        StringBuilder b = new StringBuilder();
        while (!end()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                if (end() || (s.charAt(i) != '"' && s.charAt(i) != '\\')) {
                    throw new ParseException("bad escape at " + i);
                }
                b.append(s.charAt(i++));
            } else if (c == '"') {
                return b.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw new ParseException("bad character in string at " + (i - 1));
            } else {
                b.append(c);
            }
        }
        throw new ParseException("unterminated string");
    }

    private byte[] bytes() throws ParseException {
        int start = ++i;
        while (!end() && s.charAt(i) != ':') {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/' && c != '=') {
                throw new ParseException("bad byte sequence at " + i);
            }
            i++;
        }
        if (end()) {
            throw new ParseException("unterminated byte sequence");
        }
        String b64 = s.substring(start, i++);
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new ParseException("bad base64 in byte sequence");
        }
    }

    /** Serialization as RFC 8941 §4.1 writes it: what {@code @signature-params} must be rebuilt as. */
    static String serialize(InnerList list) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < list.items().size(); k++) {
            if (k > 0) {
                b.append(' ');
            }
            Item item = list.items().get(k);
            b.append(serializeBare(item.value()));
            appendParams(b, item.params());
        }
        b.append(')');
        appendParams(b, list.params());
        return b.toString();
    }

    private static void appendParams(StringBuilder b, Map<String, Object> params) {
        params.forEach((k, v) -> {
            b.append(';').append(k);
            if (!Boolean.TRUE.equals(v)) {
                b.append('=').append(serializeBare(v));
            }
        });
    }

    static String serializeBare(Object v) {
        if (v instanceof String str) {
            return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Token t) {
            return t.value();
        }
        if (v instanceof Boolean bool) {
            return bool ? "?1" : "?0";
        }
        if (v instanceof byte[] bytes) {
            return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }

    private static boolean lcalpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean tchar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private boolean end() {
        return i >= s.length();
    }

    private boolean peek(char c) {
        return !end() && s.charAt(i) == c;
    }

    private void expect(char c) throws ParseException {
        if (!peek(c)) {
            throw new ParseException("expected '" + c + "' at " + i);
        }
        i++;
    }

    private void skipSp() {
        while (peek(' ')) {
            i++;
        }
    }

    private void skipOws() {
        while (peek(' ') || peek('\t')) {
            i++;
        }
    }
}
