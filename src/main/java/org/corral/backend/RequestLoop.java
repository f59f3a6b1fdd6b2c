package org.corral.backend;

import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Protocol;

/**
 * Reads request lines until the input ends, answering each with exactly one line, in order.
 * Nothing a line holds stops the loop: a line that is too long, not JSON, too deep, of the
 * wrong types or for an unknown op gets an error answer and the next line is read.
 */
final class RequestLoop {
    private final InputStream in;
    private final ResponseWriter out;
    private final Dispatcher dispatcher;

    RequestLoop(Session session, InputStream in, ResponseWriter out) {
        this.in = in;
        this.out = out;
        this.dispatcher = new Dispatcher(session, out);
    }

    /** Returns when the input ends (the client closed it): the backend's only way to stop. */
    void run() throws IOException {
        LineReader lines = new LineReader(in, Protocol.MAX_LINE_BYTES);
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            if (line.tooLong()) {
                out.error(NullNode.getInstance(), ErrorCode.TOO_LONG, "the line is "
                        + line.length() + " bytes long; requests are at most " + Protocol.MAX_LINE_BYTES + " bytes (1 MiB), one per line");
                continue;
            }
            RequestDecoder.Decoded d;
            try {
                d = RequestDecoder.decode(line.bytes());
            } catch (RequestDecoder.Refused e) {
                out.error(e.id(), e.code(), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                e.printStackTrace(System.err);
                out.error(NullNode.getInstance(), ErrorCode.INTERNAL, "the backend failed reading this line ("
                        + e.getClass().getSimpleName() + "); this is a bug");
                continue;
            }
            dispatcher.dispatch(d);
        }
    }
}
