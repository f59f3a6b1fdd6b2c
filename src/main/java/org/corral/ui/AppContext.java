package org.corral.ui;

import java.util.List;
import java.util.concurrent.Executor;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.HostRoot;
import org.corral.proc.ProcessScanner;
import org.corral.sys.Sys;
import org.corral.systemd.WritePolicy;
import org.corral.ui.actions.BackendCgroupActions;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.actions.Journal;
import org.corral.ui.actions.JournalingActions;
import org.corral.ui.actions.Privilege;
import org.corral.ui.charts.ChartsViewModel;
import org.corral.ui.details.CgroupDetailsViewModel;
import org.corral.ui.details.LimitsEditorViewModel;
import org.corral.ui.launch.DesktopEntries;
import org.corral.ui.launch.LaunchViewModel;
import org.corral.ui.launch.Launcher;
import org.corral.ui.log.EventLogViewModel;
import org.corral.ui.ns.NamespaceViewModel;
import org.corral.ui.owner.WriteAdvisor;
import org.corral.ui.procs.MovePolicy;
import org.corral.ui.procs.ProcessMover;
import org.corral.ui.procs.ProcessTableViewModel;
import org.corral.ui.tree.CgroupTreeViewModel;

/**
 * Everything the window needs, made once: the host's hierarchies, how writes are made, the
 * background workers, and the view models wired to each other (the tree's hierarchy is the one
 * the process table shows paths in; the tree's selection is what the details and the charts
 * show).
 */
public final class AppContext {
    public final HostRoot root;
    public final Hierarchies hierarchies;
    public final CgroupActions actions;
    /** What a change will do where systemd owns the tree: asked before the person acts. */
    public final WriteAdvisor advisor;
    private final BackendCgroupActions backend;
    public final Journal journal = new Journal();
    public final Jobs jobs;
    public final Notices notices = new Notices();
    public final ProcessScanner processScanner;
    public final CgroupTreeViewModel tree;
    public final ProcessTableViewModel processes;
    public final ProcessMover mover;
    public final CgroupDetailsViewModel details;
    public final ChartsViewModel charts = new ChartsViewModel();
    public final EventLogViewModel log;
    public final NamespaceViewModel namespaces;
    public final Launcher launcher;
    private final CgroupReader reader = new CgroupReader();
    private Runnable refreshAll = () -> { };

    public AppContext(Executor uiThread) {
        this(uiThread, HostRoot.SYSTEM, Hierarchies.detect());
    }

    private AppContext(Executor uiThread, HostRoot root, Hierarchies hierarchies) {
        this(uiThread, root, hierarchies, WritePolicy.forHost(hierarchies), Privilege.forThisProcess(hierarchies));
    }

    /**
     * @param root        where /proc is read
     * @param hierarchies the cgroup hierarchies shown
     * @param policy      who owns which cgroup, and what a change does there (this host's, or a
     *                    fixture's in tests and screenshots)
     * @param backend     how changes are made
     */
    public AppContext(Executor uiThread, HostRoot root, Hierarchies hierarchies, WritePolicy policy,
                      BackendCgroupActions backend) {
        this.root = root;
        this.hierarchies = hierarchies;
        this.advisor = new WriteAdvisor(policy);
        this.jobs = Jobs.app(uiThread);
        this.backend = backend;
        this.actions = new JournalingActions(backend, journal);
        this.processScanner = new ProcessScanner(root);
        this.tree = new CgroupTreeViewModel(hierarchies, advisor);
        this.processes = new ProcessTableViewModel();
        processes.shownHierarchyProperty().bind(tree.hierarchyProperty());
        this.mover = new ProcessMover(actions, new MovePolicy(advisor), jobs);
        LimitsEditorViewModel limits = new LimitsEditorViewModel(actions, jobs, ref -> reader.read(ref).orElse(null), advisor);
        this.details = new CgroupDetailsViewModel(actions, jobs, notices, limits, () -> refreshAll.run(), advisor);
        this.log = new EventLogViewModel(journal, actions, jobs, notices, () -> refreshAll.run());
        this.namespaces = new NamespaceViewModel(processScanner, jobs, Sys.geteuid() == 0);
        this.launcher = new org.corral.ui.launch.BackendLauncher(backend, () -> System.getProperty("corral.launch.parent"));
    }

    public LaunchViewModel newLaunch() {
        return new LaunchViewModel(DesktopEntries.scan(DesktopEntries.standardDirs()), launcher, jobs, Sys.geteuid() == 0);
    }

    /** What to run after a change so the tree and table show it at once. */
    public void onRefreshRequested(Runnable r) {
        this.refreshAll = r;
    }

    public void refreshNow() {
        refreshAll.run();
    }

    /** Stops the backend (it exits when its stdin closes). */
    public void close() {
        backend.close();
    }

    public List<String> problems() {
        return hierarchies.all().isEmpty() ? List.of("No cgroup filesystem is mounted on this host.") : List.of();
    }
}
