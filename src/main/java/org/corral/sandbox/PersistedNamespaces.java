package org.corral.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.corral.proc.NsType;
import org.corral.sys.LibC;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * Namespaces kept alive after their processes exit: /proc/PID/ns/TYPE bind-mounted onto
 * DIR/TYPE (as {@code mount --bind /proc/PID/ns/uts ~/uts} does; namespaces(7)). A namespace
 * lives as long as such a mount, an open file or a process refers to it.
 *
 * <p>DIR also gets {@value #META}, what Corral needs to join the set later (the user's ids
 * inside its user namespace, the jail root), and, for a jail, DIR/root: the jail is built on
 * it, so a joined shell finds the same root. A mount namespace's file may only be bound onto a
 * mount that is not shared (its propagation would copy it into the namespace itself): when DIR
 * is on a shared mount, DIR is first bound onto itself and made private, as {@code ip netns}
 * does for /run/netns.
 */
public final class PersistedNamespaces {
    /** The metadata file in a persisted directory. */
    public static final String META = "corral-persist.properties";

    /** A persisted namespace: the bind-mounted file, its type and nsfs inode. */
    public record Entry(Path file, NsType type, long inode) {}

    private PersistedNamespaces() {}

    /** Every nsfs bind mount in this mount namespace (Corral's and anyone else's, e.g. /run/netns/*). */
    public static List<Entry> list() {
        return MountTable.read().nsMounts().stream().map(m -> new Entry(m.file(), m.type(), m.inode())).toList();
    }

    /** The nsfs mounts directly in {@code dir}. */
    public static List<Entry> in(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return list().stream().filter(e -> d.equals(e.file().getParent())).toList();
    }

    /** Checks DIR can hold a set and makes its mount private if it is shared; returns whether it bound DIR onto itself. */
    static boolean prepare(Path dir) throws SysCallException {
        MountTable mt = MountTable.read();
        if (!mt.mountOf(dir).map(l -> l.isShared()).orElse(false)) return false;
        Sys.bindMount(dir, dir);
        Sys.mount("none", dir, null, LibC.MS_PRIVATE);
        return true;
    }

    /**
     * Binds {@code /proc/PID/ns/TYPE} onto DIR/TYPE: creates the empty file (O_EXCL: not through
     * a link), opens it without following a link, and mounts onto that very file through
     * /proc/self/fd/N, so a link swapped in meanwhile cannot redirect the mount.
     */
    static Path persist(int pid, NsType type, Path dir) throws IOException {
        Path file = dir.resolve(type.kernelName());
        Files.createFile(file);
        int fd = Sys.open(file, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        try {
            Sys.bindMount(Path.of("/proc", Integer.toString(pid), "ns", type.kernelName()), Path.of("/proc/self/fd", Integer.toString(fd)));
        } finally {
            Sys.closeQuietly(fd);
        }
        return file;
    }

    static void writeMeta(Path dir, Properties p) throws IOException {
        Path tmp = dir.resolve(META + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "written by corral run --persist; corral ns release DIR removes it");
        }
        Files.move(tmp, dir.resolve(META), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<Properties> readMeta(Path dir) {
        Path f = dir.resolve(META);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Unmounts every namespace file in DIR, removes those files, the jail root DIR/root and the
     * metadata, and DIR's own bind onto itself if Corral made one.
     *
     * @return the entries released
     * @throws LaunchException when DIR holds nothing persisted
     */
    public static List<Entry> release(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) throw new LaunchException(dir + " is not a directory");
        List<Entry> entries = in(d);
        Optional<Properties> meta = readMeta(d);
        if (entries.isEmpty() && meta.isEmpty()) throw new LaunchException("nothing is persisted in " + dir);
        List<Entry> released = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            try {
                // a file may carry several mounts stacked; unmount until none is left
                while (MountTable.read().nsMountAt(e.file()).isPresent()) Sys.umount(e.file(), true);
                Files.deleteIfExists(e.file());
                released.add(e);
            } catch (IOException ex) {
                problems.add(ex.getMessage());
            }
        }
        try {
            Path root = d.resolve("root");
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) Files.delete(root);
            if (meta.isPresent() && "true".equals(meta.get().getProperty("selfBind"))) Sys.umount(d, true);
            Files.deleteIfExists(d.resolve(META));
        } catch (IOException ex) {
            problems.add(ex.getMessage());
        }
        if (!problems.isEmpty()) throw new LaunchException("could not release all of " + dir + ": " + String.join("; ", problems));
        return released;
    }
}
