package org.corral.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The programs a launch runs, by absolute path: /bin/sh, util-linux's setsid, unshare, nsenter
 * and setpriv, coreutils' chroot. They are on every Linux desktop; Corral uses them because a
 * JVM cannot do these steps itself: it is multi-threaded, and unshare(CLONE_NEWUSER),
 * unshare(CLONE_NEWNS) of the whole process and setns(2) into a user or mount namespace all
 * refuse a multi-threaded caller (EINVAL), while fork(2) without exec in a JVM is unsafe.
 *
 * @param sh      POSIX shell running Corral's three fixed scripts (user text only as arguments)
 * @param setsid  starts the new session
 * @param unshare creates the new namespaces
 * @param nsenter enters existing ones (and the new user namespace, see {@link UserNsHolder})
 * @param setpriv drops to the payload's user with no_new_privs and no capabilities
 * @param chroot  enters a jail and drops to the user in one step (no user namespace)
 */
public record Tools(String sh, String setsid, String unshare, String nsenter, String setpriv, String chroot) {
    private static final List<String> DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    /** Finds the tools; a missing one is a clear error naming its package. */
    public static Tools find() {
        return new Tools(need("sh", "dash or bash"), need("setsid", "util-linux"), need("unshare", "util-linux"),
                need("nsenter", "util-linux"), need("setpriv", "util-linux (setpriv)"), need("chroot", "coreutils"));
    }

    private static String need(String name, String pkg) {
        for (String d : DIRS) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new LaunchException("'" + name + "' is not installed (package " + pkg + "); corral run needs it");
    }
}
