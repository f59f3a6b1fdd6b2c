package org.corral.sandbox;

/**
 * A launch that was refused or failed, with a message a person can act on ("no command
 * 'fierfox' on PATH", "/srv/jail does not exist"). When it is thrown, nothing the launch
 * created is left: no cgroup, no mount, no process.
 */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
