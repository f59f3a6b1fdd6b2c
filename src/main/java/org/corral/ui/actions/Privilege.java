package org.corral.ui.actions;

import org.corral.sys.Sys;

/**
 * Picks how the app writes. As root it writes directly. As a user it needs the privileged
 * backend (pkexec); until org.corral.client is part of the build the app stays read-only and
 * says so, with the way to make changes now.
 */
public final class Privilege {
    private Privilege() {}

    public static CgroupActions forThisProcess() {
        if (Sys.geteuid() == 0) return new DirectCgroupActions();
        String user = System.getProperty("user.name", "you");
        return new ReadOnlyCgroupActions("Corral runs as " + user + " and this build has no privileged backend yet, "
                + "so it can show everything but change nothing; to make changes run it as root (sudo bin/corral-gui)");
    }
}
