package org.corral.systemd;

import java.nio.file.Path;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.HostRoot;

/**
 * Prints "PATH=true|false" for each unit cgroup of a fixture host, as {@link DelegationMarks}
 * reads it in this process: run as another user by {@link DelegationMarksUnprivilegedIT}.
 * Arguments: the fixture's directory, then cgroup paths.
 */
public final class DelegationMarksProbe {
    private DelegationMarksProbe() {}

    public static void main(String[] args) {
        Hierarchies hs = Hierarchies.detect(HostRoot.at(Path.of(args[0])));
        DelegationMarks marks = new DelegationMarks(hs);
        for (int i = 1; i < args.length; i++) {
            CgroupRef ref = new CgroupRef(hs.unified().orElseThrow(), CgroupPath.parse(args[i]));
            System.out.println(args[i] + "=" + marks.isDelegated(ref, ref.path().name()));
        }
    }
}
