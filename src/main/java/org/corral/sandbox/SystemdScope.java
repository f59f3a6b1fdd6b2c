package org.corral.sandbox;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.sys.Sys;
import org.corral.systemd.ScopeSpec;
import org.corral.systemd.SystemdChange;
import org.corral.systemd.SystemdException;
import org.corral.systemd.SystemdManager;
import org.corral.systemd.UnitNames;
import org.corral.systemd.UnitSetting;

/**
 * A launch's cgroup where systemd owns the tree: a transient scope that systemd starts
 * (StartTransientUnit) around the chain's first process while it waits at gate 1, with the
 * limits as unit properties, Delegate=yes and CollectMode=inactive-or-failed. {@link
 * Manager#SYSTEM}: the system manager (the root launcher), in the payload user's slice with User=
 * that user; {@link Manager#USER}: the calling user's own systemd --user ({@link UserScopeLaunch}),
 * in its default app.slice. {@link #admit} returns once systemd's job is done and the
 * process is in the scope's cgroup, so the payload never runs outside its limits, and systemd
 * agrees with them (a raw write into its tree would be undone on its next reload).
 *
 * <p>systemd ends the scope when its last process exits and removes its cgroup; a failed launch
 * stops it (StopUnit). Either way no unit and no cgroup is left.
 *
 * <p>OOM kills: systemd removes the scope's cgroup the moment its last process (perhaps the one
 * the OOM killer ended) is gone, often before Corral reads it, and the user's slice goes with it
 * where no session holds it (user-UID.slice has StopWhenUnneeded=yes). memory.events counts are
 * hierarchical in cgroup v2, so the kills are read from the deepest of scope, slice and the
 * cgroups above that is still there, as the difference to its count when the scope began (the
 * payload had not run yet: it waits at the gate): the
 * scope's own when it outlived the payload, else (on a desktop) the user's slice, which counts
 * the scope's kills and those of the user's other cgroups during the launch.
 */
final class SystemdScope implements LaunchCgroups {
    /** Which systemd makes the scope. */
    enum Manager {
        /** PID 1 on the system bus: the launcher runs as root. */
        SYSTEM,
        /** The calling user's own systemd --user, on the session bus: no privilege at all. */
        USER
    }

    private static final long GONE_WAIT_MS = 5000;

    private final CgroupPlan plan;
    private final ScopePlan scope;
    private final Manager manager;
    private SystemdManager systemd;
    private String unit;
    private String controlGroup;
    private List<CgroupRef> targets = List.of();
    private SystemdChange started;
    /** cgroup paths, deepest first (scope, its slice, the cgroups above), and their oom_kill counts at the start. */
    private final Map<String, Long> oomKillsBefore = new LinkedHashMap<>();
    private volatile boolean closed;

    SystemdScope(CgroupPlan plan, Manager manager) {
        this.plan = plan;
        this.scope = plan.scope();
        this.manager = manager;
    }

    @Override
    public void admit(int pid) {
        unit = UnitNames.scopeFor(scope.app(), pid);
        boolean system = manager == Manager.SYSTEM;
        // a user's manager has its own slices (app.slice) and can make no scope for another user
        ScopeSpec spec = new ScopeSpec(unit, scope.description(), system ? scope.slice() : null, List.of(pid), scope.limits(), true,
                system ? scope.owner() : null);
        try {
            systemd = system ? SystemdManager.system() : SystemdManager.user();
            controlGroup = systemd.startTransientScope(spec);
        } catch (SystemdException | IllegalArgumentException e) {
            throw new LaunchException("systemd did not start the scope " + unit + " for the launch: " + e.getMessage(), e);
        }
        for (CgroupPath p = CgroupPath.parse(controlGroup); !p.isRoot(); p = p.parent()) {
            oomKillsBefore.put(p.toString(), RawCgroups.oomKillsIn(refs(p.toString())));
        }
        targets = refs(controlGroup);
        if (targets.isEmpty()) {
            // a hybrid host: systemd makes a unit's cgroup in a v1 controller's hierarchy only when
            // a property needs that controller; it is always in the unified and name=systemd ones
            targets = Hierarchies.detect().all().stream().map(h -> new CgroupRef(h, CgroupPath.parse(controlGroup)))
                    .filter(r -> Files.isDirectory(r.dir())).toList();
        }
        // startTransientScope returned once the process was in the scope's cgroup (/proc/PID/cgroup)
        if (targets.isEmpty()) throw new LaunchException("systemd started " + unit + " but its cgroup " + controlGroup + " is not there");
        String settings = spec.properties().stream().map(UnitSetting::toString).collect(Collectors.joining(" "));
        started = new SystemdChange(system ? "system" : "user@" + Sys.getuid(), SystemdChange.START, unit,
                spec.properties().stream().map(u -> new SystemdChange.Property(u.name(), u.signature(), null, u.text())).toList(),
                List.of(pid), "asked " + systemd.description() + " to start " + unit + " around process " + pid
                + " (StartTransientUnit): " + settings);
    }

    /** The cgroup at {@code path} in each hierarchy of the plan that has it (systemd uses one path in all). */
    private List<CgroupRef> refs(String path) {
        List<CgroupRef> out = new ArrayList<>();
        CgroupPath p = CgroupPath.parse(path);
        for (Hierarchy h : plan.hierarchies()) {
            CgroupRef r = new CgroupRef(h, p);
            if (Files.isDirectory(r.dir())) out.add(r);
        }
        return out;
    }

    @Override
    public List<CgroupRef> targets() {
        return targets;
    }

    @Override
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    /** None: systemd wrote the scope's files. */
    @Override
    public List<FileChange> changes() {
        return List.of();
    }

    @Override
    public Optional<SystemdChange> systemdChange() {
        return Optional.ofNullable(started);
    }

    @Override
    public long oomKills() {
        for (Map.Entry<String, Long> e : oomKillsBefore.entrySet()) {
            List<CgroupRef> there = refs(e.getKey());
            if (!there.isEmpty()) return Math.max(0, RawCgroups.oomKillsIn(there) - e.getValue());
        }
        return 0;
    }

    /** KillUnit(SIGKILL) of every process in the scope. */
    @Override
    public void killAll() {
        if (systemd == null || unit == null || closed) return;
        try {
            systemd.killUnit(unit, 9);
        } catch (RuntimeException ignored) {
            // the scope ended already
        }
    }

    /**
     * systemd ends the scope when its last process exits; waits for that (5 s at most). A scope
     * that still runs holds descendants that outlived the payload: it stays, as systemd's, and is
     * reported.
     */
    @Override
    public List<CgroupRef> release() {
        try {
            if (systemd == null) return List.of();
            return awaitGone() ? List.of() : targets;
        } finally {
            close();
        }
    }

    /** StopUnit (which kills what runs in it), then waits until systemd has unloaded it. */
    @Override
    public void undo() {
        try {
            if (systemd == null || unit == null) return;
            try {
                systemd.stopUnit(unit);
            } catch (SystemdException ignored) {
                // never started, or gone already
            }
            if (!awaitGone()) {
                try {
                    systemd.resetFailedUnit(unit);
                } catch (SystemdException ignored) {
                    // not failed: then it is inactive and collected on its own
                }
                awaitGone();
            }
        } finally {
            close();
        }
    }

    /**
     * Whether systemd has unloaded the scope (or left it inactive, to be collected) within
     * {@link #GONE_WAIT_MS}. A unit being unloaded can fail a property read for an instant (its
     * object is gone before GetUnit says so): that is asked again.
     */
    private boolean awaitGone() {
        long deadline = System.nanoTime() + GONE_WAIT_MS * 1_000_000;
        while (true) {
            String state;
            try {
                Optional<String> s = systemd.activeStateIfLoaded(unit);
                if (s.isEmpty()) return true;
                state = s.get();
            } catch (SystemdException e) {
                state = null;
            }
            if (System.nanoTime() > deadline) {
                return state == null ? targets.stream().noneMatch(t -> Files.isDirectory(t.dir())) : state.equals("inactive");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void close() {
        closed = true;
        if (systemd != null) systemd.close();
    }
}
