package org.corral.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one request, read strictly: a field has exactly the JSON type it is documented
 * with (no "5" for 5, no 5 for "5"), text has no control characters, lists and maps are
 * bounded. Every failure is a {@link ErrorCode#BAD_REQUEST} naming the field and saying what
 * was expected, in words. Fields nobody asks for are ignored.
 */
public final class Fields {
    private final JsonNode node;

    private Fields(JsonNode node) {
        this.node = node;
    }

    /** @param request a JSON object (the whole request line) */
    public static Fields of(JsonNode request) {
        if (request == null || !request.isObject()) throw bad("a request must be a JSON object");
        return new Fields(request);
    }

    private JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** A required text field. */
    public String text(String name, String example) {
        return optionalText(name, example).orElseThrow(() -> bad("'" + name + "' is missing; e.g. " + example));
    }

    public Optional<String> optionalText(String name, String example) {
        JsonNode v = get(name);
        if (v == null) return Optional.empty();
        return Optional.of(checkedText(v, "'" + name + "'", example));
    }

    private static String checkedText(JsonNode v, String what, String example) {
        if (!v.isTextual()) throw bad(what + " must be text, e.g. " + example + ", not " + kind(v));
        String s = v.textValue();
        if (s.length() > Protocol.MAX_TEXT) throw bad(what + " is too long (" + s.length() + " characters)");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad(what + " contains a control character (" + controlName(c) + "); none is valid here");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(what + " contains half of a UTF-16 surrogate pair (\\u" + Integer.toHexString(c) + "), which is not a character");
            }
        }
        return s;
    }

    private static String controlName(char c) {
        return switch (c) {
            case 0 -> "NUL";
            case '\n' -> "newline";
            case '\r' -> "carriage return";
            case '\t' -> "tab";
            default -> String.format("U+%04X", (int) c);
        };
    }

    public boolean flag(String name, boolean ifAbsent) {
        JsonNode v = get(name);
        if (v == null) return ifAbsent;
        if (!v.isBoolean()) throw bad("'" + name + "' must be true or false, not " + kind(v));
        return v.booleanValue();
    }

    /** A whole number in [min, max]. */
    public Optional<Long> optionalNumber(String name, long min, long max) {
        JsonNode v = get(name);
        if (v == null) return Optional.empty();
        return Optional.of(checkedNumber(v, "'" + name + "'", min, max));
    }

    public long number(String name, long min, long max) {
        return optionalNumber(name, min, max).orElseThrow(() -> bad("'" + name + "' is missing"));
    }

    private static long checkedNumber(JsonNode v, String what, long min, long max) {
        if (!v.isIntegralNumber()) throw bad(what + " must be a whole number, not " + kind(v));
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw bad(what + " must be between " + min + " and " + max + ", not " + v.asText());
        }
        return v.longValue();
    }

    /** A non-empty list of whole numbers in [min, max], at most {@code maxItems} long. */
    public List<Long> numbers(String name, long min, long max, int maxItems) {
        JsonNode v = get(name);
        if (v == null) throw bad("'" + name + "' is missing");
        if (!v.isArray()) throw bad("'" + name + "' must be a list of whole numbers, not " + kind(v));
        if (v.isEmpty()) throw bad("'" + name + "' is empty; give at least one");
        if (v.size() > maxItems) throw bad("'" + name + "' has " + v.size() + " items; at most " + maxItems + " are accepted");
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(checkedNumber(v.get(i), "'" + name + "' item " + (i + 1), min, max));
        return out;
    }

    /** A non-empty list of text, at most {@code maxItems} long. */
    public List<String> texts(String name, String example, int maxItems) {
        JsonNode v = get(name);
        if (v == null) throw bad("'" + name + "' is missing; e.g. [" + example + "]");
        if (!v.isArray()) throw bad("'" + name + "' must be a list of text, e.g. [" + example + "], not " + kind(v));
        if (v.isEmpty()) throw bad("'" + name + "' is empty; give at least one");
        if (v.size() > maxItems) throw bad("'" + name + "' has " + v.size() + " items; at most " + maxItems + " are accepted");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(checkedText(v.get(i), "'" + name + "' item " + (i + 1), example));
        return out;
    }

    /** As {@link #texts}, but absent is an empty list. */
    public List<String> optionalTexts(String name, String example, int maxItems) {
        return get(name) == null ? List.of() : texts(name, example, maxItems);
    }

    /** As {@link #textMap}, but absent is null. */
    public Map<String, String> optionalTextMap(String name, String example, int maxItems) {
        return get(name) == null ? null : textMap(name, example, maxItems);
    }

    /** A non-empty object whose values are all text, in the order sent. */
    public Map<String, String> textMap(String name, String example, int maxItems) {
        JsonNode v = get(name);
        if (v == null) throw bad("'" + name + "' is missing; e.g. " + example);
        if (!v.isObject()) throw bad("'" + name + "' must be an object, e.g. " + example + ", not " + kind(v));
        if (v.isEmpty()) throw bad("'" + name + "' is empty; give at least one");
        if (v.size() > maxItems) throw bad("'" + name + "' has " + v.size() + " entries; at most " + maxItems + " are accepted");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = checkedText(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), "a key of '" + name + "'", example);
            out.put(key, checkedText(e.getValue(), "'" + name + "' entry '" + key + "'", example));
        }
        return out;
    }

    /** What a JSON value is, in words: "a number", "a list"... */
    public static String kind(JsonNode v) {
        if (v == null || v.isNull()) return "null";
        if (v.isTextual()) return "text";
        if (v.isBoolean()) return "true/false";
        if (v.isNumber()) return v.isIntegralNumber() ? "a whole number" : "a fractional number";
        if (v.isArray()) return "a list";
        if (v.isObject()) return "an object";
        return v.getNodeType().name().toLowerCase();
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }
}
