package org.corral.ui.launch;

import java.util.List;
import org.corral.proc.NsType;

/**
 * A namespace the launch dialog offers, with the clone(2) flag that creates it and one line on
 * what it isolates, in the words of the project's seed notes.
 */
public record NamespaceOption(NsType type, String title, String line) {

    /** The six namespaces of the seed notes, in its order, then the two newer kinds. */
    public static List<NamespaceOption> all() {
        return List.of(
                new NamespaceOption(NsType.MNT, "Mount", "Gets a copy of the mount point list of its creator; "
                        + "mounts made inside stay inside (with a jail: bind mounts build the new root)."),
                new NamespaceOption(NsType.IPC, "IPC", "Its own System V IPC objects and POSIX message queues."),
                new NamespaceOption(NsType.PID, "PID", "Its own process numbers: the first process inside is PID 1, "
                        + "and it cannot see or signal the processes outside."),
                new NamespaceOption(NsType.UTS, "UTS", "Its own nodename and domainname, as uname() returns them "
                        + "(set with sethostname()): the app's own hostname."),
                new NamespaceOption(NsType.USER, "User", "Its own user and group IDs, mapped to the outside through "
                        + "/proc/PID/uid_map and gid_map; an unmapped ID shows as overflowuid 65534."),
                new NamespaceOption(NsType.NET, "Network", "Its own network stack (as `ip netns add` makes): "
                        + "only a loopback device, so no network unless one is given."),
                new NamespaceOption(NsType.CGROUP, "Cgroup", "Its own view of /proc/PID/cgroup: its cgroup appears as the root."),
                new NamespaceOption(NsType.TIME, "Time", "Its own boot and monotonic clocks (offsets from the host's)."));
    }

    /** The kinds a launch can create (Corral's sandbox makes no time namespace). */
    public static List<NamespaceOption> launchable() {
        return all().stream().filter(o -> o.type() != NsType.TIME).toList();
    }

    /** "CLONE_NEWUTS". */
    public String flag() {
        return type.cloneFlagName();
    }
}
