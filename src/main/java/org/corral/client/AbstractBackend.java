package org.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.corral.protocol.CorralJson;
import org.corral.protocol.ErrorBody;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.HelloArgs;
import org.corral.protocol.HelloResult;
import org.corral.protocol.Op;
import org.corral.protocol.Protocol;

/**
 * What every {@link Backend} shares: starting a backend on first use (and after one died),
 * the hello, ids and futures, timeouts, events. Subclasses only say how to start one
 * ({@link #open}) .
 */
abstract class AbstractBackend implements Backend {
    private static final ObjectMapper JSON = CorralJson.mapper();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /**
     * One daemon thread for every request's timeout. A timeout is cancelled when its answer
     * comes, and cancelled tasks leave the queue at once: the GUI sends a request every second
     * for hours, and 30 s tasks that stayed queued until they fired would pile up for nothing.
     */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "corral-backend-timeouts");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Timeouts still queued (tests: an answered request leaves none). */
    static int queuedTimeouts() {
        return TIMER.getQueue().size();
    }

    private final Duration requestTimeout;
    private final Duration helloTimeout;
    private final String clientName;
    private final AtomicLong ids = new AtomicLong();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private Connection current;
    private boolean closed;

    /**
     * @param helloTimeout how long starting may take (pkexec may wait for a password)
     */
    AbstractBackend(Duration requestTimeout, Duration helloTimeout, String clientName) {
        this.requestTimeout = requestTimeout;
        this.helloTimeout = helloTimeout;
        this.clientName = clientName;
    }

    /** Starts a new backend. */
    protected abstract Link open();

    @Override
    public CompletableFuture<JsonNode> send(Op op, Object args) {
        Connection c;
        try {
            c = connection();
        } catch (BackendException e) {
            return CompletableFuture.failedFuture(e);
        }
        return c.send(op, args, requestTimeout);
    }

    @Override
    public synchronized HelloResult hello() {
        return connection().hello;
    }

    @Override
    public void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** The live connection, or a new one (started and greeted) if there is none. */
    private synchronized Connection connection() {
        if (closed) throw new BackendException(ErrorCode.NOT_AVAILABLE, "the backend connection was closed");
        if (current != null && current.alive()) return current;
        Connection c = new Connection(open());
        try {
            JsonNode r = c.send(Op.HELLO, new HelloArgs(Protocol.VERSION, clientName), helloTimeout).get();
            c.hello = JSON.treeToValue(r, HelloResult.class);
        } catch (ExecutionException e) {
            c.link.stop();
            if (e.getCause() instanceof BackendException b) throw b;
            throw new BackendException(ErrorCode.PROTOCOL, "the backend's hello failed: " + e.getCause());
        } catch (JsonProcessingException e) {
            c.link.stop();
            throw new BackendException(ErrorCode.PROTOCOL, "the backend's hello is not readable: " + e.getOriginalMessage());
        } catch (InterruptedException e) {
            c.link.stop();
            Thread.currentThread().interrupt();
            throw new BackendException(ErrorCode.TIMEOUT, "interrupted while starting the backend");
        }
        if (c.hello.protocol() != Protocol.VERSION) {
            c.link.stop();
            throw new BackendException(ErrorCode.PROTOCOL, "the backend speaks protocol " + c.hello.protocol() + ", this client "
                    + Protocol.VERSION + "; install matching versions of Corral");
        }
        current = c;
        return c;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) current.link.stop();
    }

    /** One started backend: its pending requests, and the thread reading its answers. */
    private final class Connection {
        private final Link link;
        private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
        private volatile boolean alive = true;
        private volatile boolean answered;
        private HelloResult hello;

        private record Pending(String op, CompletableFuture<JsonNode> future) {}

        Connection(Link link) {
            this.link = link;
            Thread t = new Thread(this::readAnswers, "corral-backend-reader");
            t.setDaemon(true);
            t.start();
        }

        boolean alive() {
            return alive;
        }

        CompletableFuture<JsonNode> send(Op op, Object args, Duration timeout) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> f = new CompletableFuture<>();
            pending.put(id, new Pending(op.wire(), f));
            ObjectNode req = args == null ? JSON.createObjectNode() : JSON.valueToTree(args);
            req.put("id", id);
            req.put("op", op.wire());
            byte[] line;
            try {
                line = (JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                pending.remove(id);
                return CompletableFuture.failedFuture(new BackendException(ErrorCode.PROTOCOL, "cannot write the request: " + e.getMessage()));
            }
            try {
                OutputStream out = link.requests();
                synchronized (out) {
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                // the backend is gone; the reader sees its end and fails this request with the reason
            }
            if (!alive) ended(); // it ended before this request was registered: fail it now
            ScheduledFuture<?> expiry = TIMER.schedule(() -> {
                Pending p = pending.remove(id);
                if (p != null) {
                    p.future.completeExceptionally(new BackendException(ErrorCode.TIMEOUT, "the backend did not answer '" + op
                            + "' within " + timeout.toSeconds() + " s"));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            f.whenComplete((answer, failure) -> expiry.cancel(false));
            return f;
        }

        private void readAnswers() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(link.answers(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) answer(line);
            } catch (IOException e) {
                // read end: handled below
            } finally {
                alive = false;
                ended();
            }
        }

        private void answer(String line) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return; // not a protocol line (a stray print): nothing waits for it
            }
            if (n == null || !n.isObject()) return;
            JsonNode id = n.get("id");
            if (id == null || id.isNull()) {
                if (n.has("event")) listeners.forEach(l -> l.accept(n));
                return;
            }
            Pending p = pending.remove(id.asLong());
            if (p == null) return; // timed out already
            answered = true;
            JsonNode err = n.get("error");
            if (err != null && err.isObject()) {
                ErrorBody b;
                try {
                    b = JSON.treeToValue(err, ErrorBody.class);
                } catch (JsonProcessingException e) {
                    b = new ErrorBody(ErrorCode.PROTOCOL, "unreadable error: " + err);
                }
                p.future.completeExceptionally(new BackendException(b.code() == null ? ErrorCode.FAILED : b.code(), b.message()));
            } else {
                p.future.complete(n.get("result"));
            }
        }

        /** Fails every request still waiting with the reason the backend ended. */
        private void ended() {
            for (Long id : pending.keySet()) {
                Pending p = pending.remove(id);
                if (p != null) p.future.completeExceptionally(link.ended(answered, p.op));
            }
        }
    }
}
