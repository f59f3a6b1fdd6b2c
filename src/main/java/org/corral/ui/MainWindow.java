package org.corral.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchy;
import org.corral.proc.ProcessInfo;
import org.corral.ui.charts.ChartsView;
import org.corral.ui.details.CgroupDetailsView;
import org.corral.ui.launch.LaunchDialog;
import org.corral.ui.log.EventLogView;
import org.corral.ui.ns.NamespaceView;
import org.corral.ui.procs.ProcessReader;
import org.corral.ui.procs.ProcessRow;
import org.corral.ui.procs.ProcessTableView;
import org.corral.ui.tree.CgroupRow;
import org.corral.ui.tree.CgroupTreeView;
import org.corral.ui.tree.CgroupTreeViewModel;
import org.corral.ui.tree.ShownRows;
import org.corral.ui.tree.TreeReader;

/**
 * The main window: toolbar (hierarchy, filter, Launch, Presentation), the read-only banner,
 * the message bar, and two tabs: Cgroups (tree | details and charts, over processes and the
 * event log) and Namespaces. It wires views to view models and the sampler feeds to what is
 * visible; the logic lives in the view models.
 */
public final class MainWindow {
    private static final String CSS = MainWindow.class.getResource("corral.css").toExternalForm();
    private static final int MAX_CHARTED = 6;

    private final AppContext ctx;
    private final Stage stage;
    private final AppOptions options;
    private final Sampler sampler;
    private final CgroupTreeView treeView;
    private final ProcessTableView processView;
    private final ChartsView chartsView;
    private final NamespaceView nsView;
    private final TabPane mainTabs = new TabPane();
    private final TabPane rightTabs = new TabPane();
    private final Tab chartsTab;
    private final Tab cgroupsTab;
    private final Tab nsTab;
    private final ToggleButton presentation = new ToggleButton("Presentation");
    private final Scene scene;
    private final AtomicReference<Hierarchy> shownHierarchy = new AtomicReference<>();
    private final AtomicReference<List<CgroupRef>> charted = new AtomicReference<>(List.of());
    private volatile boolean cgroupsVisible = true;
    private volatile boolean chartsVisible;
    private volatile boolean nsVisible;
    private final Sampler.Feed<?> treeFeed;
    private final Sampler.Feed<?> procFeed;
    private String pendingSelect;

    public MainWindow(AppContext ctx, Stage stage, AppOptions options) {
        this.ctx = ctx;
        this.stage = stage;
        this.options = options;
        this.sampler = new Sampler(Platform::runLater, 3);

        CgroupTreeViewModel tree = ctx.tree;
        treeView = new CgroupTreeView(tree, this::dropOnCgroup);
        processView = new ProcessTableView(ctx.processes, this::moveToTreeSelection, this::moveToAsked);
        FilteredList<ProcessRow> members = new FilteredList<>(ctx.processes.rows(), r -> false);
        CgroupDetailsView detailsView = new CgroupDetailsView(ctx.details, members);
        chartsView = new ChartsView(ctx.charts, ctx.notices);
        chartsView.node().setUserData(chartsView.models());
        EventLogView logView = new EventLogView(ctx.log);
        nsView = new NamespaceView(ctx.namespaces);

        // the tree's selection drives the details, the charts and the "processes here" list
        tree.selection().addListener((ListChangeListener<CgroupRow>) c -> {
            CgroupRow first = tree.selection().isEmpty() ? null : tree.selection().get(0);
            ctx.details.rowProperty().set(first);
            List<CgroupRef> refs = tree.selection().stream().limit(MAX_CHARTED).map(CgroupRow::ref).toList();
            if (!refs.equals(ctx.charts.charted())) ctx.charts.charted().setAll(refs);
            String path = first == null ? null : first.ref().path().toString();
            members.setPredicate(r -> path != null && path.equals(r.cgroupProperty().get()));
        });
        // Ctrl+M's target is the tree's selection: the line under the tree says what the move does
        var procTable = processView.table();
        tree.keyboardMoveProperty().bind(procTable.focusedProperty()
                .and(Bindings.isNotEmpty(procTable.getSelectionModel().getSelectedItems())));
        ctx.charts.charted().addListener((ListChangeListener<CgroupRef>) c -> charted.set(List.copyOf(ctx.charts.charted())));
        shownHierarchy.set(tree.hierarchyProperty().get());
        tree.hierarchyProperty().addListener((o, was, now) -> shownHierarchy.set(now));

        // --- layout
        Tab detailsTab = new Tab("Details");
        chartsTab = new Tab("Charts");
        chartsTab.setId("chartsTab");
        rightTabs.getTabs().addAll(detailsTab, chartsTab);
        contentWhenShown(detailsTab, detailsView.node());
        contentWhenShown(chartsTab, chartsView.node());
        rightTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        rightTabs.setId("rightTabs");
        SplitPane upper = new SplitPane(treeView.node(), rightTabs);
        upper.setDividerPositions(0.46);
        TabPane lowerTabs = new TabPane(new Tab("Processes", processView.node()), new Tab("Event log", logView.node()));
        lowerTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        lowerTabs.setId("lowerTabs");
        SplitPane cgroupsSplit = new SplitPane(upper, lowerTabs);
        cgroupsSplit.setOrientation(Orientation.VERTICAL);
        cgroupsSplit.setDividerPositions(0.62);
        cgroupsTab = new Tab("Cgroups and processes", cgroupsSplit);
        nsTab = new Tab("Namespaces");
        nsTab.setId("namespacesTab");
        mainTabs.getTabs().addAll(cgroupsTab, nsTab);
        contentWhenShown(nsTab, nsView.node());
        mainTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        mainTabs.setId("mainTabs");

        BorderPane root = new BorderPane();
        root.setTop(new VBox(toolbar(tree), banner(), messageBar()));
        root.setCenter(mainTabs);
        root.getStyleClass().add("corral");
        scene = new Scene(root, options.width(), options.height());
        scene.getStylesheets().add(CSS);
        stage.setScene(scene);
        stage.setTitle("Corral — cgroups and namespaces");

        // --- what is visible decides what is sampled
        mainTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            cgroupsVisible = now == cgroupsTab;
            nsVisible = now == nsTab;
            chartsVisible = cgroupsVisible && rightTabs.getSelectionModel().getSelectedItem() == chartsTab;
            if (nsVisible) ctx.namespaces.refresh();
        });
        rightTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                chartsVisible = cgroupsVisible && now == chartsTab);

        TreeReader treeReader = new TreeReader(ctx.hierarchies);
        // only the rows on screen and the selected ones have their files read (sample only what is shown)
        Sampler.Feed<?>[] treeRead = new Sampler.Feed<?>[1]; // the feed below, once made
        ShownRows shownRows = new ShownRows(() -> treeRead[0].now());
        treeView.onRowShown(shownRows::shown);
        tree.selection().addListener((ListChangeListener<CgroupRow>) c -> shownRows.selected(tree.selection()));
        treeFeed = sampler.every("cgroup tree", options.intervalMillis(), () -> cgroupsVisible && shownHierarchy.get() != null,
                () -> treeReader.read(shownHierarchy.get(), shownRows.paths(), shownRows.wholePaths()), s -> {
                    boolean first = tree.rootProperty().get() == null;
                    tree.apply(s);
                    if (s != null) shownRows.applied(s);
                    if (first) {
                        treeView.expandTo(tree.size() < 60 ? 4 : 2);
                        if (pendingSelect == null && options.select() == null && tree.selection().isEmpty()) {
                            treeView.select(tree.rootProperty().get());
                        }
                    }
                    if (pendingSelect != null) selectCgroup(pendingSelect);
                });
        treeRead[0] = treeFeed;
        ProcessReader procReader = new ProcessReader(ctx.processScanner);
        procFeed = sampler.every("processes", options.intervalMillis(), () -> cgroupsVisible, procReader::read,
                snap -> processView.apply(ctx.processes, snap));
        var metrics = new org.corral.ui.charts.MetricsReader(ctx.hierarchies);
        sampler.every("charts", 1000, () -> chartsVisible && !charted.get().isEmpty(),
                () -> metrics.read(charted.get()), ctx.charts::apply);
        sampler.every("namespaces", 5000, () -> nsVisible, ctx.namespaces::read, ctx.namespaces::apply);
        ctx.onRefreshRequested(() -> {
            treeFeed.now();
            procFeed.now();
        });
        tree.hierarchyProperty().addListener((o, was, now) -> treeFeed.now());
    }

    /**
     * Puts a tab's content in the window when the tab is first shown: the controls of a hidden
     * tab would otherwise get their skins and the first CSS pass before the first frame, for
     * nothing (bench/RESULTS.md, row 7). The views behind them are made, and follow their view
     * models, from the start.
     */
    private static void contentWhenShown(Tab tab, javafx.scene.Node content) {
        if (tab.isSelected()) {
            tab.setContent(content);
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!now) return;
                tab.setContent(content);
                tab.selectedProperty().removeListener(this);
            }
        });
    }

    private ToolBar toolbar(CgroupTreeViewModel tree) {
        Label title = new Label("Corral");
        title.getStyleClass().add("app-title");
        var iconUrl = MainWindow.class.getResource("icons/corral-32.png");
        if (iconUrl != null) {
            ImageView icon = new ImageView(new Image(iconUrl.toExternalForm(), 24, 24, true, true));
            title.setGraphic(icon);
        }
        ComboBox<Hierarchy> hierarchy = new ComboBox<>(tree.hierarchies());
        hierarchy.setId("hierarchy");
        hierarchy.valueProperty().bindBidirectional(tree.hierarchyProperty());
        hierarchy.setConverter(new StringConverter<>() {
            @Override public String toString(Hierarchy h) {
                return CgroupTreeViewModel.label(h);
            }

            @Override public Hierarchy fromString(String s) {
                return null;
            }
        });
        hierarchy.setTooltip(new Tooltip("On a hybrid host the cgroup v2 tree and each v1 hierarchy are separate trees: "
                + "pick the one whose controller you want to see or limit."));
        TextField filter = new TextField();
        filter.setId("treeFilter");
        filter.setPromptText("Filter cgroups");
        filter.setPrefColumnCount(16);
        filter.textProperty().bindBidirectional(tree.filterProperty());
        Button launch = new Button("Launch…");
        launch.setId("launchOpen");
        launch.setTooltip(new Tooltip("Start an installed app or a command in its own cgroup, with limits and namespaces"));
        launch.setOnAction(e -> openLaunch());
        presentation.setId("presentation");
        presentation.setTooltip(new Tooltip("Large fonts and high contrast, for a projector"));
        presentation.selectedProperty().addListener((o, was, now) -> setPresentation(now));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label layout = new Label(ctx.hierarchies.layout().name().toLowerCase() + " host");
        layout.getStyleClass().add("muted");
        return new ToolBar(title, new Label("Hierarchy"), hierarchy, filter, layout, grow, launch, presentation);
    }

    /** Shown when writes cannot be made (polkit refused, no backend): why, and how to fix it. */
    private Region banner() {
        Label l = new Label();
        l.setId("banner");
        l.setWrapText(true);
        l.getStyleClass().add("banner");
        l.setMaxWidth(Double.MAX_VALUE);
        Runnable update = () -> {
            String reason = ctx.actions.access().writable() ? null : ctx.actions.access().reason();
            l.setText(reason == null ? "" : "Read-only: " + reason + ".");
            l.setVisible(reason != null);
            l.setManaged(reason != null);
        };
        update.run();
        // access changes only when a write is refused, and every write's outcome is a notice
        ctx.notices.messageProperty().addListener((o, was, now) -> update.run());
        return l;
    }

    private Region messageBar() {
        Label l = new Label();
        l.setId("message");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(ctx.notices.messageProperty());
        l.getStyleClass().add("message-bar");
        ctx.notices.problemProperty().addListener((o, was, now) -> {
            l.getStyleClass().remove("problem");
            if (now) l.getStyleClass().add("problem");
        });
        l.visibleProperty().bind(ctx.notices.messageProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    // --- moves: drag and drop, keyboard and context menu all end here

    private void dropOnCgroup(List<Integer> pids, CgroupRow target) {
        List<ProcessInfo> ps = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int pid : pids) {
            ProcessRow r = ctx.processes.find(pid);
            if (r != null) ps.add(r.info());
            else ctx.processScanner.scan(pid).ifPresentOrElse(ps::add, () -> gone.add("Process " + pid + " has exited."));
        }
        move(ps, target.ref(), target.stats(), gone);
    }

    private void moveToTreeSelection(List<ProcessRow> rows) {
        if (rows.isEmpty()) {
            ctx.notices.problem("Select one or more processes first.");
            return;
        }
        if (ctx.tree.selection().isEmpty()) {
            ctx.notices.problem("Select the cgroup to move them to in the tree first.");
            return;
        }
        CgroupRow target = ctx.tree.selection().get(0);
        move(rows.stream().map(ProcessRow::info).toList(), target.ref(), target.stats(), List.of());
    }

    private void moveToAsked(List<ProcessRow> rows) {
        if (rows.isEmpty()) {
            ctx.notices.problem("Select one or more processes first.");
            return;
        }
        Hierarchy h = ctx.tree.hierarchyProperty().get();
        TextInputDialog d = new TextInputDialog(ctx.tree.selection().isEmpty() ? "/" : ctx.tree.selection().get(0).ref().path().toString());
        d.setTitle("Move processes");
        d.setHeaderText("Move " + rows.size() + " process" + (rows.size() == 1 ? "" : "es") + " to a cgroup of "
                + CgroupTreeViewModel.label(h));
        d.setContentText("cgroup path:");
        // what the move will do there, as the path is typed (the write policy's sentence; a refusal turns OK off)
        Label advice = new Label();
        advice.setId("moveAdvice");
        advice.setWrapText(true);
        advice.setPrefWidth(440);
        advice.setMinHeight(Region.USE_PREF_SIZE);
        Button ok = (Button) d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK);
        d.getEditor().textProperty().subscribe(typed -> {
            var a = ctx.mover.policy().advice(h, typed);
            advice.setText(a.sentence());
            advice.getStyleClass().setAll("label", a.refused() ? "error-text" : "muted");
            ok.setDisable(a.refused());
            // a longer sentence needs more lines: the dialog grows with it
            if (d.isShowing()) d.getDialogPane().getScene().getWindow().sizeToScene();
        });
        ((javafx.scene.layout.GridPane) d.getDialogPane().getContent()).add(advice, 0, 1, 2, 1);
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets()); // the app's styles (error-text, muted)
        d.showAndWait().ifPresent(path -> {
            try {
                CgroupRef ref = new CgroupRef(h, org.corral.cgroup.CgroupPath.parse(path.strip()));
                var stats = ctx.tree.find(ref.path()).map(CgroupRow::stats).orElse(null);
                move(rows.stream().map(ProcessRow::info).toList(), ref, stats, List.of());
            } catch (RuntimeException e) {
                ctx.notices.problem(e.getMessage());
            }
        });
    }

    private void move(List<ProcessInfo> ps, CgroupRef target, org.corral.cgroup.CgroupStats stats, List<String> already) {
        ctx.mover.move(ps, target, stats, outcome -> {
            List<String> notes = new ArrayList<>(already);
            String s = outcome.summary();
            if (!s.isEmpty()) notes.add(s);
            String text = String.join(" ", notes);
            if (outcome.refused().isEmpty() && already.isEmpty()) ctx.notices.info(text);
            else ctx.notices.problem(text);
            ctx.refreshNow();
        });
    }

    // --- launch, presentation, start-up options

    private void openLaunch() {
        var launchVm = ctx.newLaunch();
        if (options.preset() != null) {
            org.corral.ui.launch.Preset.all().stream().filter(p -> p.name().equalsIgnoreCase(options.preset()))
                    .findFirst().ifPresent(p -> launchVm.presetProperty().set(p));
        }
        if (options.command() != null) launchVm.commandProperty().set(options.command());
        LaunchDialog d = new LaunchDialog(stage, launchVm, cg -> {
            ctx.notices.info("Launched into " + cg + ".");
            pendingSelect = cg;
            rightTabs.getSelectionModel().select(chartsTab);
            ctx.refreshNow();
        }, scene.getStylesheets());
        d.show();
    }

    /** Large fonts, high contrast (a dark theme with brighter text), bigger chart fonts. */
    public void setPresentation(boolean on) {
        if (presentation.isSelected() != on) presentation.setSelected(on);
        (on ? Theme.HIGH_CONTRAST : Theme.LIGHT).apply();
        if (on) scene.getRoot().getStyleClass().add("presentation");
        else scene.getRoot().getStyleClass().remove("presentation");
        chartsView.presentation(on);
        nsView.presentation(on);
    }

    /** Selects a cgroup given in CLI notation, switching the tree to its hierarchy; retried after the next read. */
    public void selectCgroup(String notation) {
        CgroupRef ref;
        try {
            ref = ctx.hierarchies.resolve(notation);
        } catch (RuntimeException e) {
            ctx.notices.problem(e.getMessage());
            pendingSelect = null;
            return;
        }
        if (!ref.hierarchy().equals(ctx.tree.hierarchyProperty().get())) {
            ctx.tree.hierarchyProperty().set(ref.hierarchy());
            pendingSelect = notation;
            return;
        }
        Optional<CgroupRow> row = ctx.tree.find(ref.path());
        if (row.isPresent()) {
            for (CgroupRow r = row.get(); r != null; r = r.parent()) {
                if (!r.isShown()) {
                    ctx.tree.filterProperty().set(""); // the filter hides it: show everything again
                    break;
                }
            }
            treeView.select(row.get());
            // a row whose parents were just expanded may not take the selection in the same pulse:
            // then try again after the next read
            pendingSelect = ctx.tree.selection().contains(row.get()) ? null : notation;
        } else {
            pendingSelect = notation;
        }
    }

    /** Applies the start-up options once the window is on screen. */
    public void afterShow() {
        // the reads start once the first frame is laid out (the window first, then its data)
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            sampler.start();
        };
        scene.addPostLayoutPulseListener(once[0]);
        if (options.presentation()) setPresentation(true);
        if (options.select() != null) selectCgroup(options.select());
        if ("charts".equals(options.tab())) rightTabs.getSelectionModel().select(chartsTab);
        if ("namespaces".equals(options.tab()) || options.compare() != null) mainTabs.getSelectionModel().select(nsTab);
        if (options.compare() != null) {
            String[] two = options.compare().split(",");
            if (two.length == 2) {
                ctx.namespaces.leftProperty().set(two[0].strip());
                ctx.namespaces.rightProperty().set(two[1].strip());
                ctx.jobs.run(ctx.namespaces::read, snap -> {
                    ctx.namespaces.apply(snap);
                    ctx.namespaces.compare();
                }, e -> ctx.notices.problem(e.getMessage()));
            }
        }
        if (options.launch()) openLaunch();
    }

    public Scene scene() {
        return scene;
    }

    public void close() {
        sampler.close();
        ctx.close();
    }
}
