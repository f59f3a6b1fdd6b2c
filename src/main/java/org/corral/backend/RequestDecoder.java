package org.corral.backend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import org.corral.protocol.CorralJson;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Fields;
import org.corral.protocol.Op;
import org.corral.protocol.Protocol;
import org.corral.protocol.ProtocolException;

/**
 * Turns one request line into an id, an op and its fields, or refuses it with a sentence.
 * The parser is bounded (nesting, text, number and token counts) and strict (duplicate keys,
 * trailing data, NUL bytes, invalid UTF-8 are refused), so no line can make the backend spend
 * more than it costs to read the line.
 */
final class RequestDecoder {
    /** A request that passed the envelope checks; its fields are read by its op's handler. */
    record Decoded(JsonNode id, Op op, Fields args) {}

    /** A line refused before its op ran; {@code id} is what could be read of it (or JSON null). */
    static final class Refused extends ProtocolException {
        private final JsonNode id;

        Refused(JsonNode id, ErrorCode code, String message) {
            super(code, message);
            this.id = id;
        }

        JsonNode id() {
            return id;
        }
    }

    private static final int MAX_ID_LENGTH = 128;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Protocol.MAX_DEPTH)
                    .maxStringLength(Protocol.MAX_LINE_BYTES) // each field read is held to Protocol.MAX_TEXT, naming it
                    .maxNameLength(256)
                    .maxNumberLength(40)
                    .maxTokenCount(20_000)
                    .maxDocumentLength(Protocol.MAX_LINE_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RequestDecoder() {}

    static Decoded decode(byte[] line) {
        JsonNode tree = parse(line);
        if (!tree.isObject()) {
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST,
                    "a request must be a JSON object such as {\"id\": 1, \"op\": \"ping\"}, not " + Fields.kind(tree));
        }
        JsonNode id = tree.get("id");
        if (id == null || id.isNull()) {
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the request has no 'id'; give each request an id (text or a whole number) to match its answer");
        }
        if (!(id.isTextual() && validIdText(id.textValue())) && !(id.isIntegralNumber() && id.canConvertToLong())) {
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST,
                    "'id' must be a whole number or printable text of at most " + MAX_ID_LENGTH + " characters, not " + Fields.kind(id));
        }
        JsonNode op = tree.get("op");
        if (op == null || !op.isTextual()) {
            throw new Refused(id, ErrorCode.BAD_REQUEST, "'op' must be the name of an operation, e.g. \"ping\", not "
                    + (op == null ? "missing" : Fields.kind(op)));
        }
        Op known = Op.byWire(op.textValue()).orElseThrow(() -> new Refused(id, ErrorCode.UNKNOWN_OP,
                "'" + printable(op.textValue(), 64) + "' is not an operation of this backend; it performs: "
                        + String.join(", ", Op.wireNames())));
        return new Decoded(id, known, Fields.of(tree));
    }

    private static JsonNode parse(byte[] line) {
        if (line.length == 0) throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the line is empty; send one JSON object per line");
        for (byte b : line) {
            if (b == 0) {
                throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST,
                        "the line contains a NUL byte; requests are UTF-8 JSON text");
            }
        }
        try (JsonParser p = FACTORY.createParser(line)) {
            JsonNode tree = CorralJson.mapper().readTree(p);
            if (tree == null || tree.isMissingNode()) throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the line holds no JSON value");
            if (p.nextToken() != null) {
                throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the line holds more than one JSON value; send one object per line");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, m.contains("nesting depth")
                    ? "the request is nested more than " + Protocol.MAX_DEPTH + " levels deep; requests need 2"
                    : "the request is too large: " + printable(m.replaceAll(" ?\\(.*StreamReadConstraints[^)]*\\)", ""), 200));
        } catch (JsonProcessingException e) {
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the line is not valid JSON: " + printable(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new Refused(NullNode.getInstance(), ErrorCode.BAD_REQUEST, "the line could not be read: " + printable(e.getMessage(), 200));
        }
    }

    private static boolean validIdText(String s) {
        if (s.isEmpty() || s.length() > MAX_ID_LENGTH) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e) return false;
        return true;
    }

    /** At most {@code max} characters, control characters escaped, so an error echoes no raw bytes. */
    static String printable(String s, int max) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (b.length() >= max) b.append("...");
        return b.toString();
    }
}
