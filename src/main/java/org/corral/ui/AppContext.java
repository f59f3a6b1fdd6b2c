package org.corral.ui;

import java.util.List;
import java.util.concurrent.Executor;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.HostRoot;
import org.corral.proc.ProcessScanner;
import org.corral.sys.Sys;
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
    public final HostRoot root = HostRoot.SYSTEM;
    public final Hierarchies hierarchies;
    public final CgroupActions actions;
    private final org.corral.ui.actions.BackendCgroupActions backend;
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
        this.hierarchies = Hierarchies.detect();
        this.jobs = Jobs.app(uiThread);
        this.backend = Privilege.forThisProcess(hierarchies);
        this.actions = new JournalingActions(backend, journal);
        this.processScanner = new ProcessScanner(root);
        this.tree = new CgroupTreeViewModel(hierarchies);
        this.processes = new ProcessTableViewModel();
        processes.shownHierarchyProperty().bind(tree.hierarchyProperty());
        this.mover = new ProcessMover(actions, MovePolicy.forHost(), jobs);
        LimitsEditorViewModel limits = new LimitsEditorViewModel(actions, jobs, ref -> reader.read(ref).orElse(null));
        this.details = new CgroupDetailsViewModel(actions, jobs, notices, limits, () -> refreshAll.run());
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
