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

    // --- file descriptors ---------------------------------------------------------------

    /** open(2) without O_CREAT; returns the descriptor. */
    public static int open(Path file, int flags) throws SysCallException {
        try {
            return LibC.INSTANCE.open(file.toString(), flags);
        } catch (LastErrorException e) {
            throw new SysCallException("open", file.toString(), e.getErrorCode());
        }
    }

    /** read(2): the bytes read, 0 at end of file; -1 when a non-blocking descriptor has nothing now (EAGAIN). */
    public static int read(int fd, byte[] buf) throws SysCallException {
        try {
            return (int) LibC.INSTANCE.read(fd, buf, buf.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN) return -1;
            throw new SysCallException("read", "fd " + fd, e.getErrorCode());
        }
    }

    /** write(2) of all of {@code bytes} (a pipe takes up to PIPE_BUF bytes in one piece). */
    public static void write(int fd, byte[] bytes) throws SysCallException {
        try {
            long n = LibC.INSTANCE.write(fd, bytes, bytes.length);
            if (n != bytes.length) throw new SysCallException("write", "fd " + fd + " (short write)", Errno.EIO);
        } catch (LastErrorException e) {
            throw new SysCallException("write", "fd " + fd, e.getErrorCode());
        }
    }

    /** close(2), ignoring errors (there is nothing left to do about them). */
    public static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException ignored) {
            // the descriptor is released whatever close reports
        }
    }

    /**
     * poll(2) for input on one descriptor: {@code POLLIN} when data is there, {@code POLLHUP}
     * when every writer of a pipe has closed it (and no data is left), 0 on timeout.
     */
    public static int pollIn(int fd, int timeoutMillis) throws SysCallException {
        byte[] pfd = new byte[8];
        java.nio.ByteBuffer.wrap(pfd).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, fd).putShort(4, LibC.POLLIN);
        try {
            int n = LibC.INSTANCE.poll(pfd, 1, timeoutMillis);
            if (n == 0) return 0;
            return java.nio.ByteBuffer.wrap(pfd).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(6);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR) return 0;
            throw new SysCallException("poll", "fd " + fd, e.getErrorCode());
        }
    }

    /** mkfifo(3) with the given mode (before umask). */
    public static void mkfifo(Path file, int mode) throws SysCallException {
        try {
            LibC.INSTANCE.mkfifo(file.toString(), mode);
        } catch (LastErrorException e) {
            throw new SysCallException("mkfifo", file.toString(), e.getErrorCode());
        }
    }

    // --- mounts ---------------------------------------------------------------------------

    /** mount(2) with MS_BIND: makes {@code target} show {@code source} (a file onto a file, a directory onto a directory). */
    public static void bindMount(Path source, Path target) throws SysCallException {
        mount(source.toString(), target, null, LibC.MS_BIND);
    }

    /** mount(2) with only propagation or remount flags (source and type ignored by the kernel). */
    public static void mount(String source, Path target, String fsType, long flags) throws SysCallException {
        try {
            LibC.INSTANCE.mount(source, target.toString(), fsType, flags, null);
        } catch (LastErrorException e) {
            throw new SysCallException("mount", target.toString(), e.getErrorCode());
        }
    }

    /** umount2(2); {@code detach} = MNT_DETACH (lazy: gone from the tree now, freed when unused). */
    public static void umount(Path target, boolean detach) throws SysCallException {
        try {
            LibC.INSTANCE.umount2(target.toString(), (detach ? LibC.MNT_DETACH : 0) | LibC.UMOUNT_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new SysCallException("umount", target.toString(), e.getErrorCode());
        }
    }

    // --- namespaces -------------------------------------------------------------------------

    /**
     * setns(2) of the CALLING THREAD into the namespace file {@code nsFile} of type
     * {@code cloneFlag}. For uts, ipc, net, cgroup and pid (children) the kernel moves only the
     * calling thread, so a throwaway thread of a multi-threaded JVM may do it; user and mount
     * namespaces refuse a multi-threaded caller (EINVAL).
     */
    public static void setns(Path nsFile, int cloneFlag) throws SysCallException {
        int fd = open(nsFile, LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            LibC.INSTANCE.setns(fd, cloneFlag);
        } catch (LastErrorException e) {
            throw new SysCallException("setns", nsFile.toString(), e.getErrorCode());
        } finally {
            closeQuietly(fd);
        }
    }

    /** unshare(2) of the calling thread (see {@link #setns} for which kinds a thread may unshare alone). */
    public static void unshare(int cloneFlags) throws SysCallException {
        try {
            LibC.INSTANCE.unshare(cloneFlags);
        } catch (LastErrorException e) {
            throw new SysCallException("unshare", "flags 0x" + Integer.toHexString(cloneFlags), e.getErrorCode());
        }
    }

    public static void sethostname(String name) throws SysCallException {
        setUtsName("sethostname", name, LibC.INSTANCE::sethostname);
    }

    /** The NIS domain name, the UTS namespace's other name (what domainname(1) prints). */
    public static void setdomainname(String name) throws SysCallException {
        setUtsName("setdomainname", name, LibC.INSTANCE::setdomainname);
    }

    /** sethostname(2) and setdomainname(2) take the same (name, len). */
    private interface UtsNameCall {
        int call(byte[] name, long len) throws LastErrorException;
    }

    private static void setUtsName(String call, String name, UtsNameCall c) throws SysCallException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        try {
            c.call(b, b.length);
        } catch (LastErrorException e) {
            throw new SysCallException(call, name, e.getErrorCode());
        }
    }

    public static String gethostname() throws SysCallException {
        byte[] b = new byte[256];
        try {
            LibC.INSTANCE.gethostname(b, b.length);
        } catch (LastErrorException e) {
            throw new SysCallException("gethostname", "", e.getErrorCode());
        }
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Sets a network interface up (netdevice(7) SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP) in
     * the network namespace of the calling thread: the socket belongs to that namespace.
     */
    public static void setInterfaceUp(String ifname) throws SysCallException {
        int fd;
        try {
            fd = LibC.INSTANCE.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new SysCallException("socket", "AF_INET", e.getErrorCode());
        }
        try {
            byte[] ifreq = new byte[40]; // struct ifreq: char ifr_name[16], then a union (short ifr_flags first)
            byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, ifreq, 0, Math.min(name.length, 15));
            try {
                LibC.INSTANCE.ioctl(fd, LibC.SIOCGIFFLAGS, ifreq);
            } catch (LastErrorException e) {
                throw new SysCallException("ioctl SIOCGIFFLAGS", ifname, e.getErrorCode());
            }
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(ifreq).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.putShort(16, (short) (bb.getShort(16) | LibC.IFF_UP));
            try {
                LibC.INSTANCE.ioctl(fd, LibC.SIOCSIFFLAGS, ifreq);
            } catch (LastErrorException e) {
                throw new SysCallException("ioctl SIOCSIFFLAGS", ifname, e.getErrorCode());
            }
        } finally {
            closeQuietly(fd);
        }
    }

    /** ioctl_ns(2) NS_GET_OWNER_UID: the uid (in the caller's user namespace) that created a user namespace. */
    public static int userNamespaceOwner(Path userNsFile) throws SysCallException {
        int fd = open(userNsFile, LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            int[] uid = new int[1];
            LibC.INSTANCE.ioctl(fd, LibC.NS_GET_OWNER_UID, uid);
            return uid[0];
        } catch (LastErrorException e) {
            throw new SysCallException("ioctl NS_GET_OWNER_UID", userNsFile.toString(), e.getErrorCode());
        } finally {
            closeQuietly(fd);
        }
    }

    /** getsid(2): the session id of a process. */
    public static int getsid(int pid) throws SysCallException {
        try {
            return LibC.INSTANCE.getsid(pid);
        } catch (LastErrorException e) {
            throw new SysCallException("getsid", "pid " + pid, e.getErrorCode());
        }
    }
}
