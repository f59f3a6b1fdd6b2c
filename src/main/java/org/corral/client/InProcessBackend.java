package org.corral.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.corral.protocol.ErrorCode;

/**
 * A backend served by a thread of this process, over two in-memory pipes: for unit tests of the
 * client and the protocol. {@code server} reads requests from its input until it ends and
 * writes answers to its output (the backend's own loop, or a fake).
 */
public final class InProcessBackend extends AbstractBackend {
    private final BiConsumer<InputStream, OutputStream> server;

    public InProcessBackend(BiConsumer<InputStream, OutputStream> server, Duration requestTimeout) {
        super(requestTimeout, requestTimeout, "in-process-test");
        this.server = server;
    }

    @Override
    protected Link open() {
        try {
            Pipe requests = Pipe.open();
            Pipe answers = Pipe.open();
            InputStream serverIn = Channels.newInputStream(requests.source());
            OutputStream serverOut = Channels.newOutputStream(answers.sink());
            Thread t = new Thread(() -> {
                try (serverIn; serverOut) {
                    server.accept(serverIn, serverOut);
                } catch (IOException e) {
                    // closed
                }
            }, "corral-in-process-backend");
            t.setDaemon(true);
            t.start();
            OutputStream out = Channels.newOutputStream(requests.sink());
            InputStream in = Channels.newInputStream(answers.source());
            return new Link() {
                @Override
                public OutputStream requests() {
                    return out;
                }

                @Override
                public InputStream answers() {
                    return in;
                }

                @Override
                public BackendException ended(boolean answeredHello, String op) {
                    return new BackendException(ErrorCode.DIED, "the in-process backend stopped before answering '" + op + "'");
                }

                @Override
                public void stop() {
                    try {
                        out.close();
                        t.join(5000);
                    } catch (IOException e) {
                        // closed already
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        } catch (IOException e) {
            throw new BackendException(ErrorCode.NOT_AVAILABLE, "cannot make pipes: " + e.getMessage());
        }
    }
}
