package org.corral.sandbox;

import java.util.List;
import org.corral.systemd.UnitSetting;

/**
 * A launch's transient systemd scope, as {@link LaunchValidator} planned it where systemd owns
 * the cgroup tree: the system manager makes it (StartTransientUnit) around the chain's first
 * process while that waits at gate 1. Its name is {@code UnitNames.scopeFor(app, PID)}.
 *
 * @param app         the app's name for the unit name ("firefox" → corral-firefox-4242.scope)
 * @param description what systemctl status shows
 * @param slice       where the scope goes: the payload user's {@code user-UID.slice}, so the app
 *                    counts with that user's other processes and shows with them in systemd-cgls
 * @param limits      the launch's limits as unit properties (MemoryMax=, TasksMax=...)
 * @param owner       User= of the scope: the payload's user, to whom systemd hands the delegated
 *                    cgroup (so the app may make cgroups below it); null for root
 */
public record ScopePlan(String app, String description, String slice, List<UnitSetting> limits, String owner) {
    public ScopePlan {
        limits = List.copyOf(limits);
    }

    /** The slice of the user with this uid: "user-1000.slice". */
    public static String userSlice(int uid) {
        return "user-" + Integer.toUnsignedString(uid) + ".slice";
    }
}
