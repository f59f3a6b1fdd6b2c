package org.corral.client;

import org.corral.protocol.ErrorCode;

/** A request the backend refused or could not answer; the message is for a person. */
public final class BackendException extends RuntimeException {
    private final ErrorCode code;

    public BackendException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
