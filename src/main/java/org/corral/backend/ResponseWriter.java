package org.corral.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.corral.protocol.CorralJson;
import org.corral.protocol.ErrorBody;
import org.corral.protocol.ErrorCode;

/**
 * Writes responses and events to the protocol stream, one line each, whole lines only (the
 * OOM watcher writes from its own thread).
 */
final class ResponseWriter {
    private static final ObjectMapper JSON = CorralJson.mapper();
    private final OutputStream out;

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    void ok(JsonNode id, Object result) {
        ObjectNode n = JSON.createObjectNode();
        n.set("id", id);
        n.set("result", JSON.valueToTree(result));
        line(n, id);
    }

    void error(JsonNode id, ErrorCode code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.set("id", id);
        n.set("error", JSON.valueToTree(new ErrorBody(code, message)));
        line(n, id);
    }

    void event(Object event) {
        line(JSON.valueToTree(event), null);
    }

    private synchronized void line(JsonNode n, JsonNode id) {
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // never happens with the values the backend makes; if it does, still answer the line
            bytes = ("{\"id\":" + (id == null ? "null" : id.toString()) + ",\"error\":{\"code\":\"internal\",\"message\":"
                    + "\"the backend could not write its answer\"}}\n").getBytes(StandardCharsets.UTF_8);
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client closed the backend's output: " + e.getMessage(), e);
        }
    }
}
