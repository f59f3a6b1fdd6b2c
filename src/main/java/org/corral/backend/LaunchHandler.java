package org.corral.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.proc.NsType;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Fields;
import org.corral.protocol.LaunchArgs;
import org.corral.protocol.LaunchExitEvent;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.ProtocolException;
import org.corral.sandbox.InvalidLaunchException;
import org.corral.sandbox.Launch;
import org.corral.sandbox.LaunchException;
import org.corral.sandbox.LaunchIo;
import org.corral.sandbox.LaunchSpec;
import org.corral.sandbox.Launcher;

/**
 * {@link org.corral.protocol.Op#LAUNCH}: runs a program for the caller through
 * {@link Launcher}, which validates every field again and never runs the payload as root for
 * another caller (the caller's uid is the session's, from PKEXEC_UID checked against /proc).
 * Cgroups the request names pass the backend's own checks first; the new cgroup is checked
 * after. The payload's stdio is /dev/null (the backend's stdout is the protocol); when it
 * ends, an "exited" event is pushed. The journal records the cgroup files written, or, where
 * systemd owns the tree, the StartTransientUnit call that made the launch's scope (its
 * "systemd" part: unit, properties, PID); a launch cannot be undone (stop it with kill on its
 * cgroup, or systemctl stop). A backend whose client has gone stays until the programs it
 * launched have ended, to remove the cgroups it made for them.
 */
final class LaunchHandler implements Handler {
    private Launcher launcher;

    @Override
    public Object handle(Fields args, Call call) {
        LaunchArgs a = LaunchArgs.from(args);
        for (String cg : a.cgroups()) call.cgroup(cg);
        Launch l;
        try {
            l = launcher(call).launch(spec(a), call.session().caller().uid(), LaunchIo.discard());
        } catch (InvalidLaunchException e) {
            throw new ProtocolException(ErrorCode.INVALID, e.getMessage());
        } catch (LaunchException e) {
            throw new ProtocolException(ErrorCode.FAILED, e.getMessage());
        }
        try {
            CgroupRef made = l.cgroups().get(0);
            // A payload such as `true` may have ended, and its cgroup been removed, before we
            // get here: a cgroup that no longer exists has nothing running in it, so there is
            // nothing left to check; one that exists must pass the backend's own checks.
            CgroupRef first = checkedUnlessGone(call, made);
            call.changed(l.cgroupChanges());
            l.systemdChange().ifPresent(call::viaSystemd);
            for (CgroupRef r : l.cgroups()) {
                if (java.nio.file.Files.isDirectory(r.dir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) call.session().oom().watch(r);
            }
            call.session().launched(l.exit());
            l.exit().thenAccept(e -> {
                for (CgroupRef r : l.cgroups()) call.session().oom().forget(r);
                call.session().event(new LaunchExitEvent(l.pid(), e.exitCode(), e.oomKills(), e.cgroupsLeft()));
            });
            Map<String, Long> ns = new LinkedHashMap<>();
            for (NsType t : NsType.values()) {
                Long i = l.namespaces().get(t);
                if (i != null) ns.put(t.kernelName(), i);
            }
            return new LaunchResult(first.notation(), l.pid(), l.user().uid(), l.user().name(),
                    l.cgroups().stream().map(CgroupRef::notation).toList(), ns,
                    l.created().stream().sorted().map(NsType::kernelName).toList(),
                    l.persisted().map(Object::toString).orElse(null), l.notes(), call.changes(), null, l.unit().orElse(null));
        } catch (RuntimeException e) {
            l.stop(java.time.Duration.ZERO); // the new cgroup failed the backend's checks: nothing may run in it
            throw e;
        }
    }

    /**
     * The backend's checks of the launch's new cgroup, unless it is gone: the payload can end
     * and the launcher remove the cgroup at any moment, before or during the check.
     */
    private static CgroupRef checkedUnlessGone(Call call, CgroupRef made) {
        if (!java.nio.file.Files.isDirectory(made.dir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) return made;
        try {
            return call.cgroup(made.notation());
        } catch (RuntimeException e) {
            if (!java.nio.file.Files.isDirectory(made.dir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) return made; // removed meanwhile
            throw e;
        }
    }

    private Launcher launcher(Call call) {
        if (launcher == null) launcher = new Launcher(call.session().cgroups().hierarchies());
        return launcher;
    }

    static LaunchSpec spec(LaunchArgs a) {
        return new LaunchSpec(a.command(), a.namespaces(), a.hostname(), a.domainname(), toInt(a.uidInside()), toInt(a.gidInside()), a.mapRoot(),
                a.root(), a.jail(), a.binds(), a.roBinds(), a.net(), a.memoryMax(), a.memoryHigh(), a.cpus(), a.cpuMax(), a.pidsMax(),
                a.cgroups(), a.parent(), a.persist(), a.join(), a.user(), a.env(), a.workDir(), a.name());
    }

    private static Integer toInt(Long v) {
        return v == null ? null : (int) (long) v;
    }
}
