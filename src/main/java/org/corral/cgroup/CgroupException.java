package org.corral.cgroup;

/**
 * A cgroup operation that could not be done, with a message meant for a person: it names the
 * cgroup or file, the value, and what the kernel said (errno name) or what rule was broken.
 */
public class CgroupException extends RuntimeException {
    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
