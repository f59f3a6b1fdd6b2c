package org.corral.client;

import java.io.InputStream;
import java.io.OutputStream;

/** One running backend: its request and answer streams, and how to tell why it ended. */
interface Link {
    OutputStream requests();

    InputStream answers();

    /**
     * Why the answers ended, as the error for a request still waiting.
     *
     * @param answeredHello whether this backend ever answered (if not, it may never have started:
     *                      pkexec refused, or the program is missing)
     * @param op            the op waiting, for the message
     */
    BackendException ended(boolean answeredHello, String op);

    /** Stops the backend now (close its input; kill it if that is allowed). */
    void stop();
}
