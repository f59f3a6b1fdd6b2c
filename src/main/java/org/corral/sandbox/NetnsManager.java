package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.corral.proc.NsType;
import org.corral.sys.Errno;
import org.corral.sys.LibC;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * Named network namespaces in /run/netns, the same files {@code ip netns add|del|list} uses:
 * a network namespace kept alive by a bind mount of its nsfs file. The JVM does it itself: a
 * throwaway thread unshare(2)s CLONE_NEWNET (which moves only that thread), binds
 * /proc/thread-self/ns/net onto /run/netns/NAME and sets loopback up, then ends.
 */
public final class NetnsManager {
    public static final Path RUN_NETNS = Path.of("/run/netns");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A named network namespace. */
    public record Netns(String name, Path file, long inode) {}

    private final Path dir;

    public NetnsManager() {
        this(RUN_NETNS);
    }

    public NetnsManager(Path dir) {
        this.dir = dir;
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LaunchException("'" + name + "' is not a network namespace name: use letters, digits, '.', '_' and '-' (at most 64)");
        }
        return name;
    }

    public Path fileOf(String name) {
        return dir.resolve(checkName(name));
    }

    /** Creates a network namespace with loopback up, as {@code ip netns add NAME} (plus {@code ip link set lo up}). */
    public Netns add(String name) {
        Path file = fileOf(name);
        try {
            Files.createDirectories(dir);
            makeMountPoint();
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new LaunchException("the network namespace '" + name + "' already exists (" + file + ")");
        } catch (IOException e) {
            throw new LaunchException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try {
            NsFiles.onOwnThread(() -> {
                Sys.unshare(NsType.NET.cloneFlag());
                Sys.bindMount(Path.of("/proc/thread-self/ns/net"), file);
                Sys.setInterfaceUp("lo");
            });
        } catch (SysCallException | RuntimeException e) {
            try {
                if (MountTable.read().nsMountAt(file).isPresent()) Sys.umount(file, true);
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: report the first failure
            }
            throw new LaunchException("cannot create the network namespace '" + name + "': " + e.getMessage(), e);
        }
        return find(name).orElseThrow(() -> new LaunchException("the network namespace '" + name + "' vanished"));
    }

    /**
     * /run/netns as iproute2 sets it up: a mount point with shared propagation, so that a
     * namespace file unmounted here is unmounted in every mount namespace that copied it.
     */
    private void makeMountPoint() throws SysCallException {
        try {
            Sys.mount("none", dir, null, LibC.MS_SHARED | LibC.MS_REC);
        } catch (SysCallException e) {
            if (e.errno() != Errno.EINVAL) throw e;
            Sys.mount(dir.toString(), dir, null, LibC.MS_BIND | LibC.MS_REC);
            Sys.mount("none", dir, null, LibC.MS_SHARED | LibC.MS_REC);
        }
    }

    /** Deletes a named network namespace (its processes keep it until they exit), as {@code ip netns del}. */
    public void delete(String name) {
        Path file = fileOf(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) throw new LaunchException("there is no network namespace '" + name + "'");
        try {
            while (MountTable.read().nsMountAt(file).isPresent()) Sys.umount(file, true);
            Files.delete(file);
        } catch (IOException e) {
            throw new LaunchException("cannot delete the network namespace '" + name + "': " + e.getMessage(), e);
        }
    }

    public List<Netns> list() {
        List<Netns> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        MountTable mt = MountTable.read();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                mt.nsMountAt(f).filter(m -> m.type() == NsType.NET)
                        .ifPresent(m -> out.add(new Netns(f.getFileName().toString(), f, m.inode())));
            }
        } catch (IOException e) {
            throw new LaunchException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    public java.util.Optional<Netns> find(String name) {
        String n = checkName(name);
        return list().stream().filter(x -> x.name().equals(n)).findFirst();
    }
}
