package org.corral.systemd;

/**
 * systemd could not be reached or refused a request. The message names the call, the unit and
 * what systemd said, e.g. "systemd refused SetUnitProperties on foo.service: Unit foo.service
 * not found. (org.freedesktop.systemd1.NoSuchUnit)".
 */
public class SystemdException extends RuntimeException {
    private final String errorName;

    public SystemdException(String message, String errorName, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    public SystemdException(String message) {
        this(message, null, null);
    }

    /** The D-Bus error name ("org.freedesktop.systemd1.NoSuchUnit"), or null. */
    public String errorName() {
        return errorName;
    }
}
