package org.corral.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.corral.cgroup.CgroupRef;
import org.corral.proc.NsType;
import org.corral.sys.Errno;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * A running launch: the payload's process id (as Corral sees it, outside any new PID
 * namespace), its cgroups, the namespaces it is in, and a future that completes when it has
 * exited and Corral has cleaned up after it.
 */
public final class Launch {
    private final Process chain;
    private final int pid;
    private final PayloadUser user;
    private final List<CgroupRef> cgroups;
    private final String unit;
    private final Map<NsType, Long> namespaces;
    private final Set<NsType> created;
    private final Path persisted;
    private final CompletableFuture<LaunchExit> exit;
    private final List<String> notes;
    private final Runnable killAll;
    private final List<org.corral.cgroup.FileChange> cgroupChanges;
    private final org.corral.systemd.SystemdChange systemdChange;

    Launch(Process chain, int pid, PayloadUser user, List<CgroupRef> cgroups, String unit, Map<NsType, Long> namespaces,
           Set<NsType> created, Path persisted, CompletableFuture<LaunchExit> exit, List<String> notes, Runnable killAll,
           List<org.corral.cgroup.FileChange> cgroupChanges, org.corral.systemd.SystemdChange systemdChange) {
        this.chain = chain;
        this.pid = pid;
        this.user = user;
        this.cgroups = List.copyOf(cgroups);
        this.unit = unit;
        this.namespaces = Map.copyOf(namespaces);
        this.created = Set.copyOf(created);
        this.persisted = persisted;
        this.exit = exit;
        this.notes = List.copyOf(notes);
        this.killAll = killAll;
        this.cgroupChanges = List.copyOf(cgroupChanges);
        this.systemdChange = systemdChange;
    }

    /** The cgroup files the launch wrote (limits of a new cgroup, then cgroup.procs), for an audit journal. */
    public List<org.corral.cgroup.FileChange> cgroupChanges() {
        return cgroupChanges;
    }

    /** Where systemd made the launch's scope: that StartTransientUnit call, for an audit journal. */
    public Optional<org.corral.systemd.SystemdChange> systemdChange() {
        return Optional.ofNullable(systemdChange);
    }

    /** What the launch did differently from what was asked, and why (e.g. a PID namespace not joined). */
    public List<String> notes() {
        return notes;
    }

    /** The payload's PID in Corral's PID namespace (PID 1 inside a new one). */
    public int pid() {
        return pid;
    }

    /** The first process of the launch chain: the payload itself, or its relay in front of a new PID namespace. */
    public int chainPid() {
        return (int) chain.pid();
    }

    public PayloadUser user() {
        return user;
    }

    /** The payload's cgroups, one per hierarchy. */
    public List<CgroupRef> cgroups() {
        return cgroups;
    }

    /** The transient systemd scope the payload runs in ("corral-firefox-4242.scope"), where systemd owns the tree. */
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    /** The payload's namespaces: type → nsfs inode, as readlink /proc/PID/ns/TYPE and lsns show. */
    public Map<NsType, Long> namespaces() {
        return namespaces;
    }

    /** The namespaces created for it. */
    public Set<NsType> created() {
        return created;
    }

    public Optional<Path> persisted() {
        return Optional.ofNullable(persisted);
    }

    /** The chain's process, for its streams when launched with {@link LaunchIo#pipes()}. */
    public Process process() {
        return chain;
    }

    /** Completes after the payload exited and its created cgroups and temporary files are gone. */
    public CompletableFuture<LaunchExit> exit() {
        return exit;
    }

    /**
     * Asks the payload to end with SIGTERM and, if it has not after {@code grace}, kills it and
     * everything it started: the cgroup Corral created for it (cgroup.kill, or each member) or
     * its scope (KillUnit), else the payload itself (as PID 1 of a PID namespace that takes the
     * namespace with it). PID 1 of a PID namespace ignores SIGTERM unless it handles it, hence
     * the second step.
     *
     * @return how it ended, or null if it is still running 10 s after the kill
     */
    public LaunchExit stop(java.time.Duration grace) {
        if (!exit.isDone()) signal(15);
        try {
            return exit.get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            killAll.run();
            signal(9);
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            return exit.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sends a signal to the payload (not to its descendants); a payload already gone is no error. */
    public void signal(int signal) {
        try {
            Sys.kill(pid, signal);
        } catch (SysCallException e) {
            if (e.errno() != Errno.ESRCH) throw new LaunchException("cannot signal process " + pid + ": " + e.getMessage(), e);
        }
    }
}
