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
}
