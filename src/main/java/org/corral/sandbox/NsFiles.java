package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.corral.proc.NamespaceId;
import org.corral.proc.NsType;
import org.corral.sys.SysCallException;

/**
 * Namespace files and what the JVM can do with them itself, through JNA. setns(2) into a uts
 * or net namespace moves only the calling thread, so each such step runs on a throwaway thread
 * that ends right after: the JVM's own threads never leave Corral's namespaces.
 */
final class NsFiles {
    private NsFiles() {}

    /** The namespaces a process is in, by readlink of /proc/PID/ns/TYPE (types it cannot read are left out). */
    static Map<NsType, Long> of(int pid) {
        Map<NsType, Long> out = new EnumMap<>(NsType.class);
        for (NsType t : NsType.values()) inode(Path.of("/proc", Integer.toString(pid), "ns", t.kernelName())).ifPresent(i -> out.put(t, i));
        return out;
    }

    /** readlink of an ns link → its inode ("uts:[4026532201]" → 4026532201). */
    static Optional<Long> inode(Path link) {
        try {
            return Optional.of(NamespaceId.parse(Files.readSymbolicLink(link).toString()).inode());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The inode of a bind-mounted namespace file (stat(2) of it is the nsfs inode). */
    static Optional<Long> fileInode(Path file) {
        try {
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    interface NsAction {
        void run() throws SysCallException;
    }

    /** Runs {@code action} on a fresh thread that first setns(2)-es into {@code nsFile}. */
    static void inNamespace(Path nsFile, NsType type, NsAction action) throws SysCallException {
        if (type == NsType.USER || type == NsType.MNT) {
            throw new IllegalArgumentException("a multi-threaded JVM cannot enter a " + type.kernelName() + " namespace");
        }
        onOwnThread(() -> {
            org.corral.sys.Sys.setns(nsFile, type.cloneFlag());
            action.run();
        });
    }

    /** Runs {@code action} on a fresh thread, so namespace changes it makes die with the thread. */
    static void onOwnThread(NsAction action) throws SysCallException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "corral-ns");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted");
        }
        Throwable f = failure.get();
        if (f instanceof SysCallException s) throw s;
        if (f instanceof RuntimeException r) throw r;
        if (f != null) throw new IllegalStateException(f);
    }
}
