package org.corral.protocol;

/**
 * The backend protocol: JSON lines over the backend's stdin (requests) and stdout (responses
 * and events), one JSON object per line, UTF-8.
 *
 * <pre>
 * request   {"id": "7", "op": "set", "cgroup": "memory:/a", "limits": {"memory.max": "2G"}}
 * response  {"id": "7", "result": {...}}   or   {"id": "7", "error": {"code": "invalid", "message": "..."}}
 * event     {"event": "oom_kill", ...}      (no id; readers ignore events they do not know)
 * </pre>
 *
 * The id is text or a whole number chosen by the client and echoed back; a line the backend
 * could not read an id from is answered with {@code "id": null}. Every line gets exactly one
 * response, in order. The first exchange is {@link Op#HELLO}. Unknown fields are ignored;
 * unknown ops are refused ({@link ErrorCode#UNKNOWN_OP}).
 */
public final class Protocol {
    /** Bumped when a request or result changes incompatibly; new fields and ops do not bump it. */
    public static final int VERSION = 1;

    /** Longest request line the backend reads; longer lines are answered with {@link ErrorCode#TOO_LONG}. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** Deepest nesting of arrays and objects in a request (requests need 2). */
    public static final int MAX_DEPTH = 8;

    /** Longest text value in a request (a cgroup path is at most 4096 characters). */
    public static final int MAX_TEXT = 8192;

    private Protocol() {}
}
