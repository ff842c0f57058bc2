package dev.unfold.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal a .npy header holds: a dict of strings, booleans, integers and tuples.
 * Dicts become {@link Map}s, tuples and lists {@link List}s, integers {@link BigInteger}s (a hostile
 * header may hold any number of digits), {@code None} {@link #NONE}.
 */
final class PythonLiteral {

    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A .npy header nests two deep (a dict holding a tuple); the limit keeps a hostile one off the stack. */
    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;
    private int depth;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** The value the text holds; only whitespace may follow it. */
    static Object parse(String text) throws NpyException {
        PythonLiteral p = new PythonLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the header's dictionary");
        }
        return value;
    }

    private Object value() throws NpyException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("header ends too early (unterminated)");
        }
        char ch = text.charAt(pos);
        switch (ch) {
            case '{':
                enter();
                return leave(dict());
            case '(':
                enter();
                return leave(sequence('(', ')'));
            case '[':
                enter();
                return leave(sequence('[', ']'));
            case '\'':
            case '"':
                return string(ch);
            default:
                if (ch == '-' || ch == '+' || Character.isDigit(ch)) {
                    return integer();
                }
                if (Character.isLetter(ch)) {
                    return word();
                }
                throw error("unexpected character '" + ch + "'");
        }
    }

    private void enter() throws NpyException {
        if (++depth > MAX_DEPTH) {
            throw new NpyException("bad .npy header: nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    private <T> T leave(T container) {
        depth--;
        return container;
    }

    private Map<Object, Object> dict() throws NpyException {
        Map<Object, Object> map = new LinkedHashMap<>();
        pos++;
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            Object key = value();
            skipSpace();
            expect(':');
            Object value = value();
            if (map.put(key, value) != null) {
                throw error("key " + key + " appears twice");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> sequence(char open, char close) throws NpyException {
        List<Object> items = new ArrayList<>();
        pos++;
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                return items;
            }
            items.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private String string(char quote) throws NpyException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char ch = text.charAt(pos++);
            if (ch == quote) {
                return sb.toString();
            }
            if (ch == '\\' && pos < text.length()) {
                ch = text.charAt(pos++);
            }
            sb.append(ch);
        }
        throw error("unterminated string");
    }

    private BigInteger integer() throws NpyException {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a number");
        }
        BigInteger value = new BigInteger(text.substring(start, pos));
        if (peek('L')) { // Python 2 long, as old NumPy wrote shapes
            pos++;
        }
        return value;
    }

    private Object word() throws NpyException {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error("unexpected word '" + word + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char ch) {
        return pos < text.length() && text.charAt(pos) == ch;
    }

    private void expect(char ch) throws NpyException {
        if (!peek(ch)) {
            throw error(pos >= text.length() ? "header ends too early (unterminated)" : "expected '" + ch + "'");
        }
        pos++;
    }

    private NpyException error(String what) {
        String shown = text.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        shown = shown.replaceAll("[\\p{Cntrl}]", "?");
        if (shown.isEmpty()) {
            return new NpyException("bad .npy header: it is empty where NumPy writes a dict like "
                    + "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }");
        }
        return new NpyException("bad .npy header: " + what + " at character " + pos + " of " + shown);
    }
}
