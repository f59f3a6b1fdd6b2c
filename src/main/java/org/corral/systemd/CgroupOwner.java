package org.corral.systemd;

import java.util.Locale;

/** Who may write a cgroup, by the single-writer rule. */
public enum CgroupOwner {
    /** A cgroup of a systemd unit (a slice, service, scope...): only systemd writes it. */
    SYSTEMD,
    /** Below a unit with Delegate=yes: the subtree belongs to whoever the unit delegated it to. */
    DELEGATED,
    /** No systemd manages it (no systemd on the host, or a v1 hierarchy systemd leaves alone, or
     *  a cgroup someone else made outside every unit). */
    FREE;

    /** "systemd", "delegated", "free": the JSON value of {@code owner}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
