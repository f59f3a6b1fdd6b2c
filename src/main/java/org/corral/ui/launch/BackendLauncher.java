package org.corral.ui.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.LimitKey;
import org.corral.client.BackendException;
import org.corral.proc.NsType;
import org.corral.protocol.LaunchArgs;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.Op;
import org.corral.ui.actions.BackendCgroupActions;

/**
 * Launches through the privileged backend's launch op (org.corral.sandbox behind it), as
 * {@code corral run} does: new namespaces, hostname, jail, limits, the caller's desktop
 * variables so a graphical app finds the display.
 */
public final class BackendLauncher implements Launcher {
    /** The desktop variables a launched app needs; the backend passes only those it allows. */
    private static final List<String> DESKTOP_ENV = List.of("DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
            "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY", "LANG");

    private final BackendCgroupActions backend;
    private final java.util.function.Supplier<String> parent;

    /**
     * @param parent where launch cgroups go, asked at each launch (null: the sandbox's default,
     *               /corral.launch); tests keep theirs below their own cgroup
     */
    public BackendLauncher(BackendCgroupActions backend, java.util.function.Supplier<String> parent) {
        this.backend = backend;
        this.parent = parent;
    }

    @Override public String unavailableReason() {
        return backend.access().writable() ? null : backend.access().reason();
    }

    static LaunchArgs args(LaunchPlan p, String parent, Map<String, String> env) {
        List<String> ns = new ArrayList<>();
        for (NsType t : p.namespaces()) if (t != NsType.NET) ns.add(t.kernelName());
        Map<String, String> desktop = new LinkedHashMap<>();
        for (String k : DESKTOP_ENV) if (env.get(k) != null) desktop.put(k, env.get(k));
        // absent, not empty: the backend refuses an empty list ("give at least one")
        return new LaunchArgs(p.argv(), ns.isEmpty() ? null : ns, p.hostname(), p.domainname(), null, null, false,
                p.jail() == null ? null : p.jail().toString(), p.minimalJail() ? "minimal" : null, null, null,
                p.namespaces().contains(NsType.NET) ? "none" : null,
                p.limits().get(LimitKey.MEMORY_MAX), null, null, p.limits().get(LimitKey.CPU_MAX), p.limits().get(LimitKey.PIDS_MAX),
                null, parent, null, null, p.user(), desktop.isEmpty() ? null : desktop, null, p.cgroupName());
    }

    @Override public String launch(LaunchPlan plan) {
        try {
            LaunchResult r = backend.call(Op.LAUNCH, args(plan, parent.get(), System.getenv()), LaunchResult.class);
            return r.target();
        } catch (BackendException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
