package org.corral.sys;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Checked wrappers over {@link LibC}: each failure names the call, the path and the errno. */
public final class Sys {
    private Sys() {}

    /**
     * Writes {@code value} to a kernel file in one write(2), as cgroupfs expects (each write is
     * one command; a short or split write would be two). Does not follow a final symlink.
     */
    public static void writeFile(Path file, String value) throws SysCallException {
        String p = file.toString();
        int fd;
        try {
            fd = LibC.INSTANCE.open(p, LibC.O_WRONLY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new SysCallException("open", p, e.getErrorCode());
        }
        try {
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            LibC.INSTANCE.write(fd, b, b.length);
        } catch (LastErrorException e) {
            throw new SysCallException("write", p, e.getErrorCode());
        } finally {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // cgroupfs reports errors at write(2), not close(2)
            }
        }
    }

    public static int getuid() {
        return LibC.INSTANCE.getuid();
    }

    public static int geteuid() {
        return LibC.INSTANCE.geteuid();
    }

    /** Whether a process exists (kill(pid, 0); EPERM still means it exists). */
    public static boolean processExists(int pid) {
        try {
            LibC.INSTANCE.kill(pid, 0);
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() == Errno.EPERM;
        }
    }

    public static void kill(int pid, int signal) throws SysCallException {
        try {
            LibC.INSTANCE.kill(pid, signal);
        } catch (LastErrorException e) {
            throw new SysCallException("kill", "pid " + pid, e.getErrorCode());
        }
    }

    /**
     * An extended attribute's value ("trusted.delegate", "user.delegate"), or empty when the
     * file does not have it (ENODATA).
     */
    public static Optional<byte[]> getxattr(Path file, String name) throws SysCallException {
        byte[] buf = new byte[256];
        try {
            long n = LibC.INSTANCE.getxattr(file.toString(), name, buf, buf.length);
            return Optional.of(Arrays.copyOf(buf, (int) n));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENODATA) return Optional.empty();
            throw new SysCallException("getxattr " + name, file.toString(), e.getErrorCode());
        }
    }

    public static void setxattr(Path file, String name, byte[] value) throws SysCallException {
        try {
            LibC.INSTANCE.setxattr(file.toString(), name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw new SysCallException("setxattr " + name, file.toString(), e.getErrorCode());
        }
    }
}
