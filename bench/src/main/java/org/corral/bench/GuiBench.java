package org.corral.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.Hierarchy;
import org.corral.ui.AppContext;
import org.corral.ui.AppOptions;
import org.corral.ui.MainWindow;
import org.corral.ui.Theme;
import org.corral.ui.tree.CgroupRow;

/**
 * Rows 6 and 7: the real desktop app (the same {@link AppContext} and {@link MainWindow} that
 * {@code CorralApplication} builds, with its own sampler feeds), started in this JVM, showing the
 * v2 hierarchy with a subtree run.sh made, every row of it expanded and its top selected.
 *
 * <ul>
 *   <li>{@code sampling[-NAME] OUT.json TOP SECONDS [APP OPTIONS...]}: the app started with those
 *       options ({@code --interval 1}: the tree and the process table read every second instead
 *       of the app's default 2 s; {@code --tab charts}: the charts open, the top charted and read
 *       every second), the tree and the process table read by the app's own feeds (the rows on
 *       screen and the selected one). After a settling time (JIT), CPU
 *       time of this whole process (utime + stime of /proc/self/stat: every thread, rendering, JIT
 *       and GC included) over SECONDS, as a percentage of one core, and per thread.</li>
 *   <li>{@code start OUT.json TOP} (or {@code start-first}, the same, named for the first start
 *       of the app that writes its class archive): run in a fresh JVM. Cold start to first frame = from the
 *       process's start (/proc/self/stat start time) to the second pulse after the stage is shown
 *       (the first pulse laid out and handed the first frame to the renderer; the next one starts
 *       only after it was painted); then the time until the tree holds TOP's cgroups, and the
 *       resident memory (VmRSS) once they are shown and expanded and two more tree reads passed.</li>
 * </ul>
 *
 * <p>Headless with Monocle (software rendering into memory) unless {@code -Dcorral.bench.display=true},
 * which uses the real display ($DISPLAY, e.g. Xvfb).
 */
public final class GuiBench {
    private GuiBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path out = Path.of(args[1]);
        CgroupPath top = CgroupPath.parse(args[2]);
        if (!Boolean.getBoolean("corral.bench.display")) headless();
        ObjectNode r = new ObjectMapper().createObjectNode();
        r.put("mode", mode);
        r.put("top", top.toString());
        r.put("display", Boolean.getBoolean("corral.bench.display") ? System.getenv("DISPLAY") : "monocle-headless");
        long self = ProcessHandle.current().pid();
        long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();

        CountDownLatch fx = new CountDownLatch(1);
        Platform.startup(fx::countDown);
        fx.await();
        // sampling: the app's own options after SECONDS (e.g. --tab charts, --interval 1); the app's own window size
        List<String> opts = mode.startsWith("sampling") ? List.of(args).subList(4, args.length) : List.of();
        AppOptions options = AppOptions.parse(opts);
        r.putPOJO("appOptions", opts);
        r.put("treeAndTableEveryMs", options.intervalMillis());
        r.put("chartsOpen", "charts".equals(options.tab()));
        CompletableFuture<Long> firstFrame = new CompletableFuture<>();
        long[] firstFrameCpu = {0};
        java.util.Map<String, Long> firstFrameThreads = new java.util.concurrent.ConcurrentHashMap<>();
        App app = onFx(() -> {
            Theme.LIGHT.apply();
            AppContext ctx = new AppContext(Platform::runLater);
            Hierarchy v2 = ctx.hierarchies.unified().orElseThrow(() -> new IllegalStateException("no cgroup v2 hierarchy"));
            ctx.tree.hierarchyProperty().set(v2);
            Stage stage = new Stage();
            MainWindow window = new MainWindow(ctx, stage, options);
            // pulses counted from here; a timer asks for pulses so the second one comes without waiting for a change
            int[] pulses = {0};
            AnimationTimer keepPulsing = new AnimationTimer() {
                @Override public void handle(long now) { }
            };
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (++pulses[0] == 2) {
                    firstFrameCpu[0] = ProcStat.cpuNanos(self);
                    firstFrameThreads.putAll(ProcStat.threadCpuNanos());
                    firstFrame.complete(System.currentTimeMillis());
                    keepPulsing.stop();
                    window.scene().removePostLayoutPulseListener(listener[0]);
                }
            };
            window.scene().addPostLayoutPulseListener(listener[0]);
            keepPulsing.start();
            stage.show();
            window.afterShow();
            return new App(ctx, window, stage);
        });
        long frame = firstFrame.get(60, TimeUnit.SECONDS);
        r.put("firstFrameMs", frame - started);
        r.put("firstFrameCpuMs", firstFrameCpu[0] / 1e6);
        ObjectNode startThreads = r.putObject("firstFrameCpuMsByThread");
        new java.util.TreeMap<>(firstFrameThreads).forEach((name, ns) -> {
            if (ns > 0) startThreads.put(name, ns / 1e6);
        });

        // the subtree in the tree, every row of it expanded, its top selected
        int expected = countDirs(app.ctx.tree.hierarchyProperty().get(), top);
        long t0 = System.nanoTime();
        while (!onFx(() -> app.ctx.tree.find(top).isPresent() && app.ctx.tree.size() >= expected)) {
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) throw new IllegalStateException("the tree never showed " + top);
            Thread.sleep(20);
        }
        int rows = onFx(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<CgroupRow> table = (TreeTableView<CgroupRow>) app.window.scene().lookup("#cgroupTree");
            expandAll(table.getRoot());
            TreeItem<CgroupRow> item = find(table.getRoot(), top);
            table.getSelectionModel().clearAndSelect(table.getRow(item));
            return table.getExpandedItemCount();
        });
        r.put("treeShownMs", System.currentTimeMillis() - started);
        r.put("cgroupsInTree", onFx(app.ctx.tree::size));
        r.put("cgroupsInSubtree", expected);
        r.put("expandedRows", rows);

        if (mode.startsWith("start")) {
            Thread.sleep(5000); // two more tree reads and their rendering
            r.put("rssBytes", ProcStat.rssBytes(self));
            Runtime rt = Runtime.getRuntime();
            r.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
            r.put("heapCommittedBytes", rt.totalMemory());
        } else {
            long seconds = Long.parseLong(args[3]);
            Thread.sleep(Long.getLong("corral.bench.settle", 20) * 1000); // settle: JIT, first chart points
            long cpu0 = ProcStat.cpuNanos(self);
            var threads0 = ProcStat.threadCpuNanos();
            long w0 = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long cpu = ProcStat.cpuNanos(self) - cpu0;
            long wall = System.nanoTime() - w0;
            // where it went: CPU of each thread name (JVM and JavaFX threads) over the same time
            ObjectNode byThread = r.putObject("cpuMsByThread");
            ProcStat.threadCpuNanos().forEach((name, ns) -> {
                long d = ns - threads0.getOrDefault(name, 0L);
                if (d > 0) byThread.put(name, d / 1e6);
            });
            r.put("seconds", wall / 1e9);
            r.put("cpuMs", cpu / 1e6);
            r.put("cpuPercentOfOneCore", 100.0 * cpu / wall);
            r.put("charted", onFx(() -> app.ctx.charts.charted().size()));
            r.put("rssBytes", ProcStat.rssBytes(self));
        }
        onFx(() -> {
            app.window.close();
            app.stage.close();
            return null;
        });
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), r);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        Platform.exit();
        System.exit(0);
    }

    private record App(AppContext ctx, MainWindow window, Stage stage) {}

    /** The system properties of DESIGN.md's verified Monocle recipe (as the UI tests use), before the toolkit starts. */
    private static void headless() {
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", "1600x1000-32"); // the window is 1366x768
    }

    private static int countDirs(Hierarchy h, CgroupPath top) throws IOException {
        try (var s = java.nio.file.Files.walk(h.dirOf(top))) {
            return (int) s.filter(java.nio.file.Files::isDirectory).count();
        }
    }

    private static void expandAll(TreeItem<CgroupRow> item) {
        if (item == null) return;
        item.setExpanded(true);
        for (TreeItem<CgroupRow> k : item.getChildren()) expandAll(k);
    }

    private static TreeItem<CgroupRow> find(TreeItem<CgroupRow> item, CgroupPath path) {
        if (item == null) return null;
        if (item.getValue() != null && item.getValue().ref().path().equals(path)) return item;
        for (TreeItem<CgroupRow> k : item.getChildren()) {
            TreeItem<CgroupRow> f = find(k, path);
            if (f != null) return f;
        }
        return null;
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
