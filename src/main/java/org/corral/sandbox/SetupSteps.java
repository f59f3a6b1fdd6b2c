package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mount steps that build a jail (or refresh /proc), as argument words for the setup script
 * of {@link CommandChain}: the script runs them as root inside the new mount namespace, so none
 * of these mounts is ever visible on the host. Each step is an operation name followed by its
 * paths; paths are arguments, never shell text.
 *
 * <pre>
 *   mkdir PATH MODE        mkdir -p -m MODE PATH
 *   tmpfs PATH OPTIONS     mount -t tmpfs -o OPTIONS corral PATH
 *   proc PATH              mount -t proc -o nosuid,nodev,noexec proc PATH
 *   bind SRC DST           mount --rbind SRC DST
 *   robind SRC DST         mount --rbind -o ro SRC DST  (util-linux then remounts it read-only)
 *   touch PATH             create an empty file (a mount point for a file bind)
 *   symlink TARGET PATH    ln -s TARGET PATH
 * </pre>
 */
public final class SetupSteps {
    /** The devices a minimal /dev holds, bound from the host's /dev. */
    static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    private final List<String> words = new ArrayList<>();

    private SetupSteps() {}

    /** The words, in order, ready to follow the script name in argv. */
    public List<String> words() {
        return List.copyOf(words);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /**
     * The steps for a launch: a fresh /proc over the host's when a new PID namespace gets a new
     * mount namespace but no jail; the jail (built at {@code mountPoint}) otherwise.
     */
    public static SetupSteps forPlan(LaunchPlan plan, Path mountPoint) {
        SetupSteps s = new SetupSteps();
        if (plan.jail() != null) {
            s.jail(plan.jail(), mountPoint);
        } else if (plan.creates(org.corral.proc.NsType.MNT) && plan.creates(org.corral.proc.NsType.PID)) {
            s.add("proc", "/proc");
        }
        return s;
    }

    private void jail(JailPlan jail, Path r) {
        if (jail.kind() == JailPlan.Kind.MINIMAL) {
            add("tmpfs", r.toString(), "mode=0755,nosuid,nodev");
            for (String d : JailPlan.SYSTEM_DIRS) {
                Path host = Path.of(d);
                Path in = inside(r, host);
                if (Files.isSymbolicLink(host)) {
                    try {
                        add("symlink", Files.readSymbolicLink(host).toString(), in.toString());
                    } catch (IOException e) {
                        // unreadable link: leave it out
                    }
                } else if (Files.isDirectory(host)) {
                    add("mkdir", in.toString(), "0755");
                    add("robind", d, in.toString());
                }
            }
            add("mkdir", inside(r, Path.of("/proc")).toString(), "0555");
            add("proc", inside(r, Path.of("/proc")).toString());
            dev(inside(r, Path.of("/dev")), true);
            add("mkdir", inside(r, Path.of("/tmp")).toString(), "1777");
            add("tmpfs", inside(r, Path.of("/tmp")).toString(), "mode=1777,nosuid,nodev");
        } else {
            // The directory is the caller's: nothing is created in it (a link swapped in meanwhile
            // would make root create files elsewhere); mounts land in the private namespace only.
            add("bind", jail.dir().toString(), r.toString());
            if (isDir(jail.dir().resolve("proc"))) add("proc", inside(r, Path.of("/proc")).toString());
            if (isDir(jail.dir().resolve("dev"))) dev(inside(r, Path.of("/dev")), false);
            if (isDir(jail.dir().resolve("tmp"))) add("tmpfs", inside(r, Path.of("/tmp")).toString(), "mode=1777,nosuid,nodev");
        }
        for (Bind b : jail.binds()) {
            Path target = inside(r, b.target());
            if (jail.kind() == JailPlan.Kind.MINIMAL) { // in the jail's own tmpfs (the validator refuses nested binds)
                if (Files.isDirectory(b.source())) {
                    add("mkdir", target.toString(), "0755");
                } else {
                    add("mkdir", target.getParent().toString(), "0755");
                    add("touch", target.toString());
                }
            }
            add(b.readOnly() ? "robind" : "bind", b.source().toString(), target.toString());
        }
    }

    /** A minimal /dev on its own tmpfs: a few character devices bound from the host, and the usual links. */
    private void dev(Path dev, boolean make) {
        if (make) add("mkdir", dev.toString(), "0755");
        add("tmpfs", dev.toString(), "mode=0755,nosuid");
        for (String d : DEVICES) {
            if (!Files.exists(Path.of("/dev", d))) continue;
            add("touch", dev.resolve(d).toString());
            add("bind", "/dev/" + d, dev.resolve(d).toString());
        }
        add("symlink", "/proc/self/fd", dev.resolve("fd").toString());
        add("symlink", "/proc/self/fd/0", dev.resolve("stdin").toString());
        add("symlink", "/proc/self/fd/1", dev.resolve("stdout").toString());
        add("symlink", "/proc/self/fd/2", dev.resolve("stderr").toString());
        add("mkdir", dev.resolve("shm").toString(), "1777");
        add("tmpfs", dev.resolve("shm").toString(), "mode=1777,nosuid,nodev");
    }

    /** {@code inside} as seen from the host: the jail root joined with an absolute path. */
    static Path inside(Path root, Path absolute) {
        Path p = root;
        for (Path seg : absolute) p = p.resolve(seg.toString());
        return p;
    }

    private static boolean isDir(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    private void add(String... w) {
        words.addAll(List.of(w));
    }
}
