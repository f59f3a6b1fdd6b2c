package org.corral.proc;

import java.util.Optional;

/**
 * The kinds of Linux namespace (namespaces(7)), in the order Corral lists them. Each wraps a
 * global resource so that processes inside see their own isolated instance of it. A process's
 * namespace of each kind is the symlink {@code /proc/PID/ns/KIND} ({@link #kernelName()});
 * {@code pid} and {@code time} also have {@code KIND_for_children}, the namespace its children
 * will be created in (different after unshare(2) of that kind, before the next fork).
 */
public enum NsType {
    /**
     * Mount points. A new mount namespace starts with a copy of the mount list of the
     * namespace of the caller of clone()/unshare() (Linux 2.4.19, the first namespace: hence
     * the generic flag name CLONE_NEWNS).
     */
    MNT("mnt", "CLONE_NEWNS", 0x00020000, "2.4.19",
            "mount points (a copy of the creator's mount list at creation)"),
    /**
     * Process IDs: a process has a PID in its own PID namespace and in each ancestor one; the
     * first process created in a new namespace is PID 1, its init (Linux 2.6.24).
     */
    PID("pid", "CLONE_NEWPID", 0x20000000, "2.6.24",
            "process IDs (the first process inside is PID 1, the namespace's init)"),
    /**
     * Two system identifiers returned by uname(): nodename and domainname, set with
     * sethostname() and setdomainname() (Linux 2.6.19). "UTS" comes from struct utsname, named
     * after "UNIX Time-sharing System".
     */
    UTS("uts", "CLONE_NEWUTS", 0x04000000, "2.6.19",
            "hostname and NIS domain name (nodename and domainname from uname())"),
    /** System V IPC objects and POSIX message queues (Linux 2.6.19). */
    IPC("ipc", "CLONE_NEWIPC", 0x08000000, "2.6.19",
            "System V IPC objects and POSIX message queues"),
    /**
     * The network stack: devices, addresses, routing tables, firewall rules, port numbers,
     * /proc/net, abstract UNIX sockets (Linux 2.6.24, complete in 2.6.29).
     */
    NET("net", "CLONE_NEWNET", 0x40000000, "2.6.29",
            "network devices, addresses, routes, firewall rules, ports"),
    /**
     * User and group IDs and capabilities: IDs inside map to other IDs outside through
     * /proc/PID/uid_map and gid_map; an unmapped ID shows as the overflow ID (65534)
     * (Linux 3.8).
     */
    USER("user", "CLONE_NEWUSER", 0x10000000, "3.8",
            "user and group IDs and capabilities (mapped through uid_map/gid_map)"),
    /**
     * The cgroup root: /proc/PID/cgroup and new cgroup mounts show paths relative to the
     * cgroup the namespace was created in (Linux 4.6).
     */
    CGROUP("cgroup", "CLONE_NEWCGROUP", 0x02000000, "4.6",
            "the cgroup root directory (paths in /proc/PID/cgroup are relative to it)"),
    /** Offsets of CLOCK_MONOTONIC and CLOCK_BOOTTIME from the host's clocks (Linux 5.6). */
    TIME("time", "CLONE_NEWTIME", 0x00000080, "5.6",
            "the boot-time and monotonic clocks (per-namespace offsets)");

    private final String kernelName;
    private final String cloneFlagName;
    private final int cloneFlag;
    private final String sinceLinux;
    private final String isolates;

    NsType(String kernelName, String cloneFlagName, int cloneFlag, String sinceLinux, String isolates) {
        this.kernelName = kernelName;
        this.cloneFlagName = cloneFlagName;
        this.cloneFlag = cloneFlag;
        this.sinceLinux = sinceLinux;
        this.isolates = isolates;
    }

    /** The name in /proc/PID/ns and in link targets ({@code "net"} in {@code net:[4026531840]}). */
    public String kernelName() {
        return kernelName;
    }

    /** The clone(2)/unshare(2)/setns(2) flag's C name, e.g. {@code CLONE_NEWUTS}. */
    public String cloneFlagName() {
        return cloneFlagName;
    }

    /** The flag's value (include/uapi/linux/sched.h). */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** The Linux version that introduced it. */
    public String sinceLinux() {
        return sinceLinux;
    }

    /** One line on what it isolates. */
    public String isolates() {
        return isolates;
    }

    /** {@code pid_for_children} / {@code time_for_children}, for the two kinds that have one. */
    public Optional<String> forChildrenLinkName() {
        return this == PID || this == TIME ? Optional.of(kernelName + "_for_children") : Optional.empty();
    }

    /** The kind whose {@link #kernelName()} is {@code name} ({@code "mnt"} → MNT). */
    public static Optional<NsType> fromKernelName(String name) {
        switch (name) {
            case "mnt": return Optional.of(MNT);
            case "pid": return Optional.of(PID);
            case "uts": return Optional.of(UTS);
            case "ipc": return Optional.of(IPC);
            case "net": return Optional.of(NET);
            case "user": return Optional.of(USER);
            case "cgroup": return Optional.of(CGROUP);
            case "time": return Optional.of(TIME);
            default: return Optional.empty();
        }
    }
}
