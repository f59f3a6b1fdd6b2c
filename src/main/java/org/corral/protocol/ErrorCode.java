package org.corral.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a request failed. The first group is sent by the backend; the second is made by the
 * client about the backend itself (it could not be started, it died, it was too slow).
 */
public enum ErrorCode {
    /** Not a request: not JSON, not an object, a field of the wrong type, a NUL byte... */
    BAD_REQUEST,
    /** The line is longer than {@link Protocol#MAX_LINE_BYTES}. */
    TOO_LONG,
    /** An op the backend does not perform. */
    UNKNOWN_OP,
    /** A value or cgroup path that is not valid (e.g. memory.max "2Q", a path with ".."). */
    INVALID,
    /** Valid, but not allowed: moving PID 1, a kernel thread, the backend itself... */
    REFUSED,
    /** Tried, and the kernel (or the host) said no; the message says what and why. */
    FAILED,
    /** A bug in the backend; the request may not have been completed. */
    INTERNAL,

    /** polkit did not authorize the caller (pkexec exit 126/127). */
    NOT_AUTHORIZED,
    /** The backend, pkexec or polkit is not installed or not running. */
    NOT_AVAILABLE,
    /** The backend process ended before it answered. */
    DIED,
    /** No answer within the client's time limit. */
    TIMEOUT,
    /** The backend answered something the client cannot read (wrong protocol version...). */
    PROTOCOL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code for a wire name; an unknown one (a newer backend) reads as {@link #FAILED}. */
    @JsonCreator
    public static ErrorCode ofWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(wire)).findFirst().orElse(FAILED);
    }
}
