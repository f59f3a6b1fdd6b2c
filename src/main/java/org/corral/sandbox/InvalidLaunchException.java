package org.corral.sandbox;

/** A launch refused by validation, before anything was created: the request itself is wrong. */
public final class InvalidLaunchException extends LaunchException {
    public InvalidLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
