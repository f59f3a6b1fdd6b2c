package org.corral.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The raw libc calls Corral needs, with their C names, grouped by man page. Every method that
 * can fail declares {@link LastErrorException} so JNA captures errno right after the call;
 * use {@link Sys} for the checked wrappers that name the call, the path and the errno.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    // open(2)
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_CLOEXEC = 0x80000;
    int O_NOFOLLOW = 0x20000;

    int open(String path, int flags) throws LastErrorException;

    // write(2)
    long write(int fd, byte[] buf, long count) throws LastErrorException;

    // close(2)
    int close(int fd) throws LastErrorException;

    // strerror(3)
    String strerror(int errnum);

    // getuid(2) / geteuid(2)
    int getuid();

    int geteuid();

    // kill(2): signal 0 probes existence
    int kill(int pid, int sig) throws LastErrorException;

    // getxattr(2): returns the value's size; ENODATA when the attribute is absent
    long getxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    // setxattr(2)
    int setxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    // --- namespaces and mounts (used by org.corral.sandbox) -------------------------------

    // open(2): more flags
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_DIRECTORY = 0x10000;

    // read(2)
    long read(int fd, byte[] buf, long count) throws LastErrorException;

    // mkfifo(3)
    int mkfifo(String path, int mode) throws LastErrorException;

    // poll(2): struct pollfd { int fd; short events; short revents; } is 8 bytes; pass them
    // packed in a byte array (little-endian on every architecture Corral targets)
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;

    int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    // mount(2)
    long MS_RDONLY = 1L;
    long MS_NOSUID = 2L;
    long MS_NODEV = 4L;
    long MS_NOEXEC = 8L;
    long MS_REMOUNT = 32L;
    long MS_BIND = 4096L;
    long MS_REC = 16384L;
    long MS_PRIVATE = 1L << 18;
    long MS_SHARED = 1L << 20;

    int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;

    // umount2(2)
    int MNT_DETACH = 2;
    int UMOUNT_NOFOLLOW = 8;

    int umount2(String target, int flags) throws LastErrorException;

    // setns(2): nstype is a CLONE_NEW* flag (0 = any)
    int setns(int fd, int nstype) throws LastErrorException;

    // unshare(2): a CLONE_NEW* flag; for CLONE_NEWNET/NEWUTS/NEWIPC only the calling thread moves
    int unshare(int flags) throws LastErrorException;

    // gethostname(2) / sethostname(2)
    int sethostname(byte[] name, long len) throws LastErrorException;

    int gethostname(byte[] name, long len) throws LastErrorException;

    // setdomainname(2): the NIS domain name, the other name a UTS namespace holds
    int setdomainname(byte[] name, long len) throws LastErrorException;

    // socket(2) and ioctl(2) on it (netdevice(7): SIOCGIFFLAGS / SIOCSIFFLAGS with struct ifreq)
    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    long SIOCGIFFLAGS = 0x8913L;
    long SIOCSIFFLAGS = 0x8914L;
    short IFF_UP = 0x1;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int ioctl(int fd, long request, byte[] arg) throws LastErrorException;

    // ioctl_ns(2): NS_GET_OWNER_UID = _IO(0xb7, 0x4) fills a uid_t with the owner of a user namespace
    long NS_GET_OWNER_UID = 0xb704L;

    int ioctl(int fd, long request, int[] arg) throws LastErrorException;

    // getpgid(2) / getsid(2)
    int getsid(int pid) throws LastErrorException;
}
