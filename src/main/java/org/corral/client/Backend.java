package org.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.corral.protocol.CorralJson;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.HelloResult;
import org.corral.protocol.Op;

/**
 * The privileged backend, seen from the app or the CLI: requests go out as futures matched to
 * their answers by id. Implementations: {@link ChildBackend#pkexec} (an ordinary user: polkit
 * decides), {@link ChildBackend#plain} (the caller is root), {@link InProcessBackend} (unit tests).
 *
 * <p>If the backend dies, the requests waiting for it fail with {@link ErrorCode#DIED} and the
 * next request starts a new one. A request not answered in time fails with
 * {@link ErrorCode#TIMEOUT}.
 */
public interface Backend extends AutoCloseable {
    /**
     * Sends one request.
     *
     * @param args the op's arguments record (e.g. {@link org.corral.protocol.SetArgs}), or null
     * @return the "result" of the answer; fails with a {@link BackendException}
     */
    CompletableFuture<JsonNode> send(Op op, Object args);

    /** The hello of the backend now serving (starting one if none is). */
    HelloResult hello();

    /** Receives events (lines without an id) the backend pushes. */
    void onEvent(Consumer<JsonNode> listener);

    /** Closes the backend's stdin (it exits) and waits briefly for it. */
    @Override
    void close();

    /** Sends and waits for the answer. */
    default JsonNode call(Op op, Object args) {
        try {
            return send(op, args).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof BackendException b) throw b;
            throw new BackendException(ErrorCode.PROTOCOL, "the backend request failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(ErrorCode.TIMEOUT, "interrupted while waiting for the backend");
        }
    }

    /** Sends, waits, and reads the result as {@code type}. */
    default <T> T call(Op op, Object args, Class<T> type) {
        JsonNode r = call(op, args);
        try {
            return CorralJson.mapper().treeToValue(r, type);
        } catch (JsonProcessingException e) {
            throw new BackendException(ErrorCode.PROTOCOL, "the backend's answer to '" + op + "' is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        }
    }
}
