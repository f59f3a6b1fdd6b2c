package org.corral.sandbox;

import java.util.List;
import java.util.Optional;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.systemd.SystemdChange;

/**
 * Where one launch's payload lives, from before its first instruction until it is gone:
 * {@link RawCgroups} (cgroups Corral creates in cgroupfs, or existing ones it was given) or
 * {@link SystemdScope} (a transient scope systemd makes, where systemd owns the tree).
 * {@link Launcher} makes one with {@link #prepare}, puts the chain's first process in with
 * {@link #admit} while it waits at gate 1, and after the payload's end (or a failure) calls
 * {@link #release} (or {@link #undo}), so nothing it made is left behind.
 */
interface LaunchCgroups {
    /**
     * The plan's cgroups, ready for a process: raw ones are created with their limits now (a
     * refused limit stops the launch before any process exists); a scope is made by
     * {@link #admit}, as systemd needs a process to start one.
     */
    static LaunchCgroups prepare(CgroupPlan plan, org.corral.cgroup.CgroupWriter writer) {
        return plan.scope() != null ? new SystemdScope(plan, SystemdScope.Manager.SYSTEM) : RawCgroups.create(plan, writer);
    }

    /**
     * Puts process {@code pid} (the chain's first, waiting at gate 1) into the launch's cgroups
     * and returns once it is there, so whatever it becomes runs under the limits.
     *
     * @throws LaunchException saying what was refused
     */
    void admit(int pid);

    /** The payload's cgroups, one per hierarchy. */
    List<CgroupRef> targets();

    /** The systemd unit holding the payload ("corral-firefox-4242.scope"), if systemd made one. */
    default Optional<String> unit() {
        return Optional.empty();
    }

    /** The cgroup files the launch wrote (limits, cgroup.procs), for the backend's journal; none for a scope. */
    List<FileChange> changes();

    /** The StartTransientUnit call that made the launch's scope, for the backend's journal. */
    default Optional<SystemdChange> systemdChange() {
        return Optional.empty();
    }

    /** OOM kills among the payload's processes since the launch began. */
    long oomKills();

    /** Kills every process in what the launch made (never in cgroups it was only given). */
    void killAll();

    /**
     * After the payload has exited: removes what the launch made, waiting briefly for exiting
     * processes; returns what still holds processes (descendants that outlived the payload) and
     * was left in place.
     */
    List<CgroupRef> release();

    /** After a failed launch: kills what runs in what it made and removes it. */
    void undo();
}
