package org.corral.cgroup;

/** How a host mounts its cgroups. */
public enum HostLayout {
    /** Only cgroup2 (Fedora, Ubuntu 21.10+, Debian 11+ with systemd defaults). */
    UNIFIED,
    /** cgroup2 plus v1 hierarchies holding controllers (systemd "hybrid"; this CI machine). */
    HYBRID,
    /** Only v1 hierarchies. */
    LEGACY,
    /** No cgroup filesystem mounted at all. */
    NONE
}
