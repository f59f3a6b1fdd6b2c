package org.corral.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.client.Backend;
import org.corral.client.BackendLauncher;
import org.corral.client.ChildBackend;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.EnableArgs;
import org.corral.protocol.MoveArgs;
import org.corral.protocol.Op;
import org.corral.protocol.SetArgs;
import org.corral.sys.Sys;

/**
 * Changes made by the privileged backend: through pkexec for an ordinary user (polkit may ask
 * for a password), as a plain child process for root. The lines printed are the same as
 * {@link DirectChanges}'s.
 */
final class BackendChanges implements CgroupChanges {
    static final String CLIENT = "corral-cli";

    private final Backend backend;

    BackendChanges(Backend backend) {
        this.backend = backend;
    }

    /**
     * The backend for whoever runs corral. An ordinary user's goes through pkexec and the
     * launcher {@link BackendLauncher} picks (this installation's; CORRAL_BACKEND names another
     * one, e.g. a test install; polkit still decides by the path it names). Root runs this
     * installation's launcher itself, or in development the backend from corral's class path.
     */
    static Backend connect() {
        if (Sys.geteuid() == 0) {
            var installed = BackendLauncher.ofThisInstallation();
            if (installed.isPresent()) return ChildBackend.plain(List.of(installed.get().toString()), CLIENT);
            return ChildBackend.plain(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "org.corral.backend.BackendMain"), CLIENT);
        }
        return ChildBackend.pkexec(BackendLauncher.forThisProcess(), CLIENT);
    }

    private ChangeResult change(Op op, Object args) {
        return backend.call(op, args, ChangeResult.class);
    }

    @Override
    public String create(String cgroup) {
        ChangeResult r = change(Op.CREATE, new CgroupArgs(cgroup));
        return said("created " + r.target(), r);
    }

    @Override
    public String remove(String cgroup) {
        ChangeResult r = change(Op.REMOVE, new CgroupArgs(cgroup));
        return said("removed " + r.target(), r);
    }

    @Override
    public String move(List<Integer> pids, String cgroup, boolean threads) {
        ChangeResult r = change(Op.MOVE, new MoveArgs(cgroup, pids, threads));
        return said("moved " + (threads ? "thread" : "process") + (pids.size() == 1 ? " " : "es ")
                + String.join(" ", pids.stream().map(String::valueOf).toList()) + " to " + r.target(), r);
    }

    @Override
    public String set(String cgroup, List<String> keyValues) {
        Map<String, String> limits = new LinkedHashMap<>(DirectChanges.parsePairs(keyValues));
        ChangeResult r = change(Op.SET, new SetArgs(cgroup, limits));
        List<String> done = new ArrayList<>();
        for (Change c : r.changes()) done.add(c.file() + " = " + c.after() + (c.before() != null ? " (was " + c.before() + ")" : ""));
        return said("set " + r.target() + ": " + String.join(", ", done), r) + journalNote(r);
    }

    @Override
    public String enable(String cgroup, List<String> changes) {
        ChangeResult r = change(Op.ENABLE, new EnableArgs(cgroup, changes));
        String after = r.changes().isEmpty() ? null : r.changes().get(0).after();
        return said(r.target() + " subtree_control: " + (after == null || after.isEmpty() ? "(none)" : after), r);
    }

    @Override
    public String freeze(String cgroup) {
        ChangeResult r = change(Op.FREEZE, new CgroupArgs(cgroup));
        return said("froze " + r.target(), r);
    }

    @Override
    public String thaw(String cgroup) {
        ChangeResult r = change(Op.THAW, new CgroupArgs(cgroup));
        return said("thawed " + r.target(), r);
    }

    @Override
    public String kill(String cgroup) {
        ChangeResult r = change(Op.KILL, new CgroupArgs(cgroup));
        int n = r.processes() == null ? 0 : r.processes();
        return said("killed " + n + " process" + (n == 1 ? "" : "es") + " in " + r.target(), r);
    }

    /**
     * The line for the person, as {@link SystemdAwareChanges} prints it for root: a change the
     * backend made through systemd in the backend's words; a raw write inside systemd's tree with
     * the reason it was allowed. Where systemd does not run, {@code line} alone.
     */
    static String said(String line, ChangeResult r) {
        if (r.systemd() != null && r.message() != null) return r.message();
        return r.message() == null ? line : line + " (" + r.message() + ")";
    }

    private static String journalNote(ChangeResult r) {
        return r.journalSeq() == null ? "" : " [journal " + r.journalSeq() + "; corral undo " + r.journalSeq() + " restores it]";
    }
}
