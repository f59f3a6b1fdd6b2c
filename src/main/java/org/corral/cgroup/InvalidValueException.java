package org.corral.cgroup;

/** A value a person typed that is not valid for the file it is meant for; nothing was written. */
public final class InvalidValueException extends CgroupException {
    public InvalidValueException(String message) {
        super(message);
    }
}
