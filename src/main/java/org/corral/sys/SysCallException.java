package org.corral.sys;

import java.io.IOException;

/**
 * A failed system call, saying which call, on what, and the errno by name and text:
 * "write /sys/fs/cgroup/a/memory.max: EINVAL (Invalid argument)".
 */
public final class SysCallException extends IOException {
    private final String call;
    private final String target;
    private final int errno;
    private final String description;

    public SysCallException(String call, String target, int errno) {
        this(call, target, errno, describe(errno));
    }

    private SysCallException(String call, String target, int errno, String description) {
        super(call + " " + target + ": " + Errno.name(errno) + " (" + description + ")");
        this.call = call;
        this.target = target;
        this.errno = errno;
        this.description = description;
    }

    /** strerror(3) text, e.g. "Invalid argument". */
    public String description() {
        return description;
    }

    private static String describe(int errno) {
        try {
            return LibC.INSTANCE.strerror(errno);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    public String call() {
        return call;
    }

    public String target() {
        return target;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }
}
