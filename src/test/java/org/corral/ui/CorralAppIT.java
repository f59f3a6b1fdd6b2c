package org.corral.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.corral.ui.charts.ChartModels;
import org.corral.ui.procs.ProcessRow;
import org.corral.ui.tree.CgroupRow;
import org.jfree.data.time.TimeSeries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app, driven with TestFX (headless, Monocle) against the real kernel as root. On this
 * hybrid host the tree starts on the v1 memory hierarchy; every test cgroup is made below the
 * test's own memory cgroup and only processes the test started are moved.
 */
class CorralAppIT {
    private static Hierarchy memory;
    private static javafx.application.Application app;
    private static Path journal;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        Require.root();
        memory = Hierarchies.detect().v1For("memory").orElse(null);
        Require.that(memory != null, "a cgroup v1 memory hierarchy (this CI host is hybrid)");
        // the app's backend (a plain child as root) journals to a file of this test, not the host's
        // (in a private directory: the backend refuses a journal others could write or swap)
        journal = Files.createTempDirectory("corral-gui-it").resolve("journal.jsonl");
        System.setProperty("corral.journal", journal.toString());
        HeadlessFx.start();
        app = FxToolkit.setupApplication(CorralApplication.class);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        if (journal != null) {
            try (var files = Files.list(journal.getParent())) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(journal.getParent());
        }
        FxToolkit.cleanupStages();
    }

    /** Every test starts on the main tab, with the details on the right. */
    @org.junit.jupiter.api.BeforeEach
    void mainTab() {
        robot.clickOn("Cgroups and processes");
        robot.clickOn("Details");
    }

    /** Narrows the tree to a test cgroup and waits until its row is on screen. */
    private TreeTableRow<?> showCgroup(CgroupRef ref) throws Exception {
        TextField filter = robot.lookup("#treeFilter").queryAs(TextField.class);
        robot.interact(() -> filter.setText(ref.path().parent().name()));
        HeadlessFx.waitFor(15, "the tree row of " + ref, () -> treeRow(ref) != null);
        return treeRow(ref);
    }

    private TreeTableRow<?> treeRow(CgroupRef ref) {
        for (Node n : robot.lookup(".tree-table-row-cell").queryAll()) {
            if (n instanceof TreeTableRow<?> r && r.getItem() instanceof CgroupRow row && row.ref().equals(ref) && r.isVisible()) return r;
        }
        return null;
    }

    private TableRow<?> processRow(int pid) {
        for (Node n : robot.lookup("#processTable .table-row-cell").queryAll()) {
            if (n instanceof TableRow<?> r && r.getItem() instanceof ProcessRow p && p.pid() == pid) return r;
        }
        return null;
    }

    private static String cgroupLine(int pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) if (l.matches("\\d+:memory:.*")) return l;
        return "";
    }

    @Test
    void draggingATestProcessOntoATestCgroupMovesItInTheKernel() throws Exception {
        try (TestCgroups cg = new TestCgroups(memory); Spawned sleeper = Spawned.start("sleep", "300")) {
            CgroupRef target = cg.create("drop");
            TreeTableRow<?> row = showCgroup(target);
            TextField pf = robot.lookup("#processFilter").queryAs(TextField.class);
            robot.interact(() -> pf.setText(Integer.toString(sleeper.pid())));
            HeadlessFx.waitFor(15, "the process table row of " + sleeper.pid(), () -> processRow(sleeper.pid()) != null);
            assertFalse(cgroupLine(sleeper.pid()).endsWith(target.path().toString()));

            robot.drag(processRow(sleeper.pid())).dropTo(row);

            HeadlessFx.waitForKernel(10, "/proc/" + sleeper.pid() + "/cgroup to name " + target.path(),
                    () -> {
                        try {
                            return cgroupLine(sleeper.pid()).endsWith(":" + target.path());
                        } catch (Exception e) {
                            return false;
                        }
                    });
            assertEquals(Integer.toString(sleeper.pid()), Files.readString(target.dir().resolve("cgroup.procs")).strip());
            HeadlessFx.waitFor(10, "the table to show the new cgroup",
                    () -> target.path().toString().equals(((ProcessRow) processRow(sleeper.pid()).getItem()).cgroupProperty().get()));
            Label message = robot.lookup("#message").queryAs(Label.class);
            assertTrue(message.getText().contains("Moved process " + sleeper.pid()), message.getText());
            assertTrue(Files.readString(journal).contains(target.path().toString()), "the move went through the backend, which journaled it");
        }
    }

    @Test
    void keyboardMovesTheSelectedProcessesToTheSelectedCgroupAndRefreshesKeepTheSelection() throws Exception {
        // durations no other test on this machine uses, so the filter finds just these two
        try (TestCgroups cg = new TestCgroups(memory); Spawned one = Spawned.start("sleep", "4242.1");
             Spawned two = Spawned.start("sleep", "4242.2")) {
            CgroupRef target = cg.create("keys");
            robot.clickOn(showCgroup(target));
            TextField pf = robot.lookup("#processFilter").queryAs(TextField.class);
            robot.interact(() -> pf.setText("sleep 4242."));
            HeadlessFx.waitFor(15, "both test processes in the table", () -> processRow(one.pid()) != null && processRow(two.pid()) != null);
            robot.clickOn(processRow(one.pid())).press(KeyCode.CONTROL).clickOn(processRow(two.pid())).release(KeyCode.CONTROL);
            var table = robot.lookup("#processTable").queryTableView();
            assertEquals(2, table.getSelectionModel().getSelectedItems().size());
            WaitForAsyncUtils.sleep(4500, java.util.concurrent.TimeUnit.MILLISECONDS); // two refreshes of the table
            assertEquals(2, table.getSelectionModel().getSelectedItems().size(), "refreshes keep the selection");
            assertTrue(table.getSelectionModel().getSelectedItems().contains(processRow(two.pid()).getItem()));

            robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
            HeadlessFx.waitForKernel(10, "both processes in " + target, () -> {
                try {
                    return cgroupLine(one.pid()).endsWith(":" + target.path()) && cgroupLine(two.pid()).endsWith(":" + target.path());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aKernelThreadIsRefusedWithASentenceAndNotMoved() throws Exception {
        try (TestCgroups cg = new TestCgroups(memory)) {
            CgroupRef target = cg.create("kthread");
            TreeTableRow<?> row = showCgroup(target);
            TextField pf = robot.lookup("#processFilter").queryAs(TextField.class);
            robot.interact(() -> pf.setText("kthreadd"));
            HeadlessFx.waitFor(15, "kthreadd in the table", () -> processRow(2) != null);
            robot.drag(processRow(2)).dropTo(row);
            Label message = robot.lookup("#message").queryAs(Label.class);
            HeadlessFx.waitFor(10, "the refusal", () -> message.getText().contains("kernel thread"));
            assertEquals("", Files.readString(target.dir().resolve("cgroup.procs")).strip());
        }
    }

    /**
     * Sampling reads the kernel off the FX thread: while the tree, the table and the charts
     * refresh, the FX thread answers a ping within a frame or two nearly always. (The 90th
     * percentile, not the worst: on a loaded 2-core machine the OS alone can delay any thread
     * now and then; reading /proc or cgroupfs on the FX thread would delay every refresh.)
     */
    @Test
    void samplingDoesNotStallTheUiThread() throws Exception {
        try (TestCgroups cg = new TestCgroups(memory); Spawned sleeper = Spawned.start("sleep", "300")) {
            CgroupRef box = cg.create("sampled");
            new CgroupWriter().move(box, sleeper.pid());
            robot.clickOn(showCgroup(box));
            robot.clickOn("Charts");
            robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText(""));
            List<Long> answers = new java.util.ArrayList<>();
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
                javafx.application.Platform.runLater(() -> f.complete(null));
                f.get(5, java.util.concurrent.TimeUnit.SECONDS);
                answers.add((System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(20);
            }
            ChartModels charts = (ChartModels) robot.lookup("#chartsPane").query().getUserData();
            assertTrue(charts.series("memory.current " + box).getItemCount() >= 4, "the charts were sampling meanwhile");
            answers.sort(null);
            long p90 = answers.get(answers.size() * 9 / 10);
            long worst = answers.get(answers.size() - 1);
            System.out.println("FX thread answers while sampling: " + answers.size() + " pings, 90% within " + p90
                    + " ms, worst " + worst + " ms");
            assertTrue(p90 < 100, "90% of pings answered within " + p90 + " ms");
        }
    }

    @Test
    void typedMemoryMaxIsAppliedAndAnInvalidOneIsRefusedInline() throws Exception {
        try (TestCgroups cg = new TestCgroups(memory)) {
            CgroupRef box = cg.create("limits");
            Path file = box.dir().resolve("memory.limit_in_bytes");
            String before = Files.readString(file).strip();
            robot.clickOn(showCgroup(box));
            HeadlessFx.waitFor(10, "the limits editor of " + box, () -> robot.lookup("#limit-memory-max").tryQuery().isPresent()
                    && robot.lookup("#detailsTitle").queryAs(Label.class).getText().equals(box.toString()));
            TextField max = robot.lookup("#limit-memory-max").queryAs(TextField.class);

            robot.doubleClickOn(max).eraseText(max.getText().length() + 2).write("2Q");
            Label error = robot.lookup("#limit-memory-max-error").queryAs(Label.class);
            HeadlessFx.waitFor(5, "the inline error", error::isVisible);
            assertTrue(error.getText().contains("memory.max"), error.getText());
            assertTrue(robot.lookup("#applyLimits").queryAs(Button.class).isDisabled(), "Apply is off while a field is invalid");
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertEquals(before, Files.readString(file).strip(), "an invalid value changes nothing");

            robot.interact(() -> max.setText(""));
            robot.clickOn(max).write("64M");
            HeadlessFx.waitFor(5, "the error to clear", () -> !error.isVisible());
            robot.clickOn("#applyLimits");
            HeadlessFx.waitForKernel(10, "memory.limit_in_bytes to hold 67108864", () -> {
                try {
                    return Files.readString(file).strip().equals("67108864");
                } catch (Exception e) {
                    return false;
                }
            });
            HeadlessFx.waitFor(10, "the kernel's value beside the field",
                    () -> robot.lookup("#limit-memory-max-kernel").queryAs(Label.class).getText().equals("67108864"));
            HeadlessFx.waitFor(10, "the change in the event log",
                    () -> robot.lookup("#eventLog").queryTableView().getItems().stream()
                            .anyMatch(e -> e.toString().contains(box.toString()) && e.toString().contains("memory.max")));
        }
    }

    @Test
    void theChartReceivesPointsWhileATestAllocatorGrows() throws Exception {
        try (TestCgroups cg = new TestCgroups(memory)) {
            CgroupRef box = cg.create("grow");
            robot.clickOn(showCgroup(box));
            robot.clickOn("Charts");
            ChartModels charts = (ChartModels) robot.lookup("#chartsPane").query().getUserData();
            HeadlessFx.waitFor(10, "the charts to follow the selection", () -> charts.series("memory.current " + box) != null);
            // awk doubles a string every 0.3 s up to 32 MiB, then waits: memory grows for ~8 s
            try (Spawned grower = Spawned.gated("exec awk 'BEGIN { s = \"x\"; for (i = 0; i < 25; i++) { s = s s; "
                    + "system(\"sleep 0.3\") } system(\"sleep 60\") }'")) {
                new CgroupWriter().move(box, grower.pid());
                grower.go();
                TimeSeries mem = charts.series("memory.current " + box);
                HeadlessFx.waitFor(30, "at least 4 points and 16 MiB of growth on the memory chart", () -> mem.getItemCount() >= 4
                        && mem.getMaxY() - mem.getMinY() >= 16);
                assertTrue(mem.getMaxY() <= 200, "values are in MiB: " + mem.getMaxY());
                assertNotNull(charts.series("cpu " + box), "a CPU series is charted beside memory");
                assertEquals(2, charts.memoryChart().getXYPlot().getDataset().getSeriesCount(),
                        "memory.current and memory.max are drawn (cgroup v1 has no memory.high)");
            }
        }
    }

    @Test
    void launchDialogStartsAnAppWithItsOwnUtsNamespaceAndHostname() throws Exception {
        Require.that(userExists("corral-test"), "the user corral-test (.ci/run creates it) to run the launched app as");
        try (TestCgroups cg = new TestCgroups(memory)) {
            // launch cgroups go below this test's own cgroup (read when the launch is made)
            System.setProperty("corral.launch.parent", cg.parent().path().toString());
            robot.clickOn("#launchOpen");
            HeadlessFx.waitFor(10, "the launch dialog", () -> robot.lookup("#launchCommand").tryQuery().isPresent());
            TextField command = robot.lookup("#launchCommand").queryAs(TextField.class);
            // every label of the form is shown whole (the column of labels was once squeezed to "Domain na…")
            for (String name : List.of("Command", "Hostname", "Domain name", "Jail", "Cgroup", "Run as", "memory.max")) {
                Label l = robot.lookup(".label").queryAllAs(Label.class).stream().filter(x -> name.equals(x.getText()))
                        .findFirst().orElseThrow(() -> new AssertionError("no label '" + name + "' in the launch dialog"));
                assertTrue(l.getWidth() >= l.prefWidth(-1) - 0.5, "'" + name + "' is cut short: " + l.getWidth() + " < " + l.prefWidth(-1));
            }
            robot.clickOn(command).write("sleep 120");
            robot.clickOn("#launchHostname").write("corral-gui-test");
            Label problem = robot.lookup("#launchProblem").queryAs(Label.class);
            HeadlessFx.waitFor(5, "the hostname rule", () -> problem.getText().contains("UTS"));
            Button launch = robot.lookup("#launchButton").queryAs(Button.class);
            assertTrue(launch.isDisabled(), "Launch is off while the form has a problem");
            robot.clickOn("#ns-uts");
            robot.clickOn("#launchUser").write("corral-test"); // as root a launch names the user the app runs as
            HeadlessFx.waitFor(5, "the form to be complete", () -> !launch.isDisabled());
            robot.clickOn(launch);

            Label message = robot.lookup("#message").queryAs(Label.class);
            Label outcome = robot.lookup("#launchOutcome").queryAs(Label.class);
            HeadlessFx.waitFor(30, "the launch", () -> message.getText().startsWith("Launched into ")
                    || outcome.getText().startsWith("Could not launch"));
            assertFalse(outcome.getText().startsWith("Could not launch"), outcome.getText());
            String text = message.getText();
            assertTrue(text.startsWith("Launched into "), text);
            CgroupRef launched = Hierarchies.detect().resolve(text.substring("Launched into ".length(), text.length() - 1));
            assertTrue(launched.path().isWithin(cg.parent().path()), launched + " is below " + cg.parent());
            String pid = Files.readString(launched.dir().resolve("cgroup.procs")).strip().split("\n")[0];
            Process p = new ProcessBuilder("nsenter", "--target", pid, "--uts", "hostname").redirectErrorStream(true).start();
            assertEquals("corral-gui-test", new String(p.getInputStream().readAllBytes()).strip(), "the payload's hostname");
            assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && !l.contains("\t0\t")), "the payload does not run as root");
            HeadlessFx.waitFor(15, "the new cgroup selected in the tree", () -> !robot.lookup("#cgroupTree").queryAs(
                    javafx.scene.control.TreeTableView.class).getSelectionModel().getSelectedItems().isEmpty()
                    && ((CgroupRow) ((javafx.scene.control.TreeItem<?>) robot.lookup("#cgroupTree").queryAs(javafx.scene.control.TreeTableView.class)
                    .getSelectionModel().getSelectedItem()).getValue()).ref().equals(launched));
        } finally {
            System.clearProperty("corral.launch.parent");
        }
    }

    private static boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void namespaceViewComparesTwoProcesses() throws Exception {
        try (Spawned a = Spawned.start("sleep", "300");
             Spawned b = Spawned.start("unshare", "--uts", "sh", "-c", "hostname corral-ns-test; exec sleep 300")) {
            robot.clickOn("Namespaces");
            HeadlessFx.waitFor(15, "the namespace table", () -> !robot.lookup("#nsTable").queryTableView().getItems().isEmpty());
            robot.clickOn("#compareLeft").write(Integer.toString(a.pid()));
            robot.clickOn("#compareRight").write(Integer.toString(b.pid()));
            HeadlessFx.waitForKernel(5, "unshare to exec sleep", () -> {
                try {
                    return Files.readString(Path.of("/proc/" + b.pid() + "/comm")).strip().equals("sleep");
                } catch (Exception e) {
                    return false;
                }
            });
            robot.clickOn("#compareButton");
            HeadlessFx.waitFor(10, "the comparison", () -> robot.lookup("#nsCompare").queryTableView().getItems().size() > 8);
            List<?> rows = robot.lookup("#nsCompare").queryTableView().getItems();
            var uts = rows.stream().map(r -> (org.corral.ui.ns.ComparisonRow) r).filter(r -> r.what().startsWith("UTS")).findFirst().orElseThrow();
            assertFalse(uts.same(), "unshare --uts gave the second process its own UTS namespace");
            var host = rows.stream().map(r -> (org.corral.ui.ns.ComparisonRow) r).filter(r -> r.what().equals("hostname")).findFirst().orElseThrow();
            assertEquals("corral-ns-test", host.right());
            var net = rows.stream().map(r -> (org.corral.ui.ns.ComparisonRow) r).filter(r -> r.what().startsWith("Network")).findFirst().orElseThrow();
            assertTrue(net.same());
        }
    }

    /** In presentation mode (larger type) the tree's number columns and every header show their whole text. */
    @Test
    void presentationModeElidesNoNumberInTheTree() throws Exception {
        javafx.stage.Window window = robot.lookup("#cgroupTree").query().getScene().getWindow();
        double width = window.getWidth(), height = window.getHeight();
        try (TestCgroups cg = new TestCgroups(memory); Spawned sleeper = Spawned.start("sleep", "300")) {
            CgroupRef box = cg.create("present");
            Files.writeString(box.dir().resolve("memory.limit_in_bytes"), "268435456");
            new CgroupWriter().move(box, sleeper.pid());
            // the screenshots' and a projector's laptop size (Monocle's screen is larger)
            robot.interact(() -> {
                window.setWidth(1366);
                window.setHeight(768);
            });
            robot.clickOn("#presentation");
            showCgroup(box);
            HeadlessFx.waitFor(15, "the test cgroup's numbers in the tree", () -> treeRow(box) != null
                    && ((CgroupRow) treeRow(box).getItem()).processesProperty().get() == 1);
            List<String> cut = new java.util.ArrayList<>();
            List<String> seen = new java.util.ArrayList<>();
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                for (String table : List.of("#cgroupTree", "#processTable")) {
                    for (Node n : robot.lookup(table).query().lookupAll(".column-header")) {
                        for (Node l : n.lookupAll(".label")) if (l instanceof javafx.scene.control.Labeled h) checkWhole(h, cut, seen);
                        if (table.equals("#cgroupTree")) checkInside(n, robot.lookup(table).query(), cut);
                    }
                }
                for (Node n : robot.lookup("#cgroupTree .tree-table-cell").queryAll()) {
                    if (n instanceof javafx.scene.control.TreeTableCell<?, ?> c && c.isVisible() && c.getTableColumn() != null
                            && c.getTableColumn().getTreeTableView().getColumns().indexOf(c.getTableColumn()) > 0) {
                        checkWhole(c, cut, seen);
                        checkInside(c, robot.lookup("#cgroupTree").query(), cut);
                    }
                }
            });
            assertTrue(seen.contains("procs") && seen.contains("memory") && seen.contains("CPU") && seen.stream().anyMatch(t -> t.contains("256")),
                    "the headers and the test cgroup's limit were looked at: " + seen);
            assertTrue(cut.isEmpty(), "cut short in presentation mode: " + cut);
        } finally {
            robot.interact(() -> {
                var p = robot.lookup("#presentation").queryAs(javafx.scene.control.ToggleButton.class);
                if (p.isSelected()) p.fire();
                window.setWidth(width);
                window.setHeight(height);
            });
        }
    }

    /** Notes a node that reaches past the right edge of its table (a column scrolled out of sight). */
    private static void checkInside(Node n, Node table, List<String> cut) {
        double right = n.localToScene(n.getLayoutBounds()).getMaxX();
        double edge = table.localToScene(table.getLayoutBounds()).getMaxX();
        if (right > edge + 0.5) cut.add(n + " ends at x=" + right + ", past the table's edge at " + edge);
    }

    /** Notes a label whose displayed text (its Text child) is not its whole text. */
    private static void checkWhole(javafx.scene.control.Labeled l, List<String> cut, List<String> seen) {
        String whole = l.getText();
        if (whole == null || whole.isEmpty()) return;
        seen.add(whole);
        if (l.lookup(".text") instanceof javafx.scene.text.Text shown && !whole.equals(shown.getText())) {
            cut.add(whole + " shown as " + shown.getText() + " in " + l.getWidth() + " px");
        }
    }
}
