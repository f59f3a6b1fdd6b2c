package org.corral.ui.actions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.Hierarchies;
import org.corral.client.BackendLauncher;
import org.corral.client.ChildBackend;
import org.corral.sys.Sys;

/**
 * How the app writes: always through the privileged backend. An ordinary user's starts with
 * pkexec (polkit decides, its agent may ask for a password) from the launcher
 * {@link BackendLauncher} picks; root's runs as a plain child: the installation's launcher, or
 * in development from the app's own class path.
 */
public final class Privilege {
    static final String CLIENT = "corral-gui";

    private Privilege() {}

    public static BackendCgroupActions forThisProcess(Hierarchies hierarchies) {
        if (Sys.geteuid() == 0) {
            return new BackendCgroupActions(() -> ChildBackend.plain(rootCommand(), CLIENT), hierarchies,
                    "the backend runs from the app's own class path (target/lib must be complete)");
        }
        Path launcher = BackendLauncher.forThisProcess();
        return new BackendCgroupActions(() -> ChildBackend.pkexec(launcher, CLIENT), hierarchies,
                "Corral stays read-only. To make changes, install the backend and its polkit action "
                        + "(see the README), make sure a polkit agent runs in your session, then restart Corral; "
                        + "or run it as root (sudo bin/corral-gui)");
    }

    /**
     * {@code java -cp CLASSPATH org.corral.backend.BackendMain}, with {@code --journal FILE} when
     * the system property corral.journal names one (tests keep their journal apart).
     */
    static List<String> rootCommand() {
        String journal = System.getProperty("corral.journal");
        boolean ownJournal = journal != null && !journal.isBlank();
        // an installed app runs its installation's launcher, as pkexec would (no pkexec for root)
        var installed = BackendLauncher.ofThisInstallation();
        if (installed.isPresent() && !ownJournal) return List.of(installed.get().toString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.corral.backend.BackendMain"));
        if (ownJournal) cmd.addAll(List.of("--journal", journal));
        return cmd;
    }
}
