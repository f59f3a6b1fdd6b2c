package org.corral.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The feeds' one clock: what is due at a tick is read in turn and applied in one UI task (one pulse). */
class SamplerTest {
    private final List<List<String>> uiTasks = new CopyOnWriteArrayList<>();
    private final ThreadLocal<List<String>> task = new ThreadLocal<>();
    /** Runs each UI task at once, noting which feeds it applied. */
    private final Executor ui = r -> {
        List<String> applied = new ArrayList<>();
        task.set(applied);
        try {
            r.run();
        } finally {
            task.remove();
            uiTasks.add(applied);
        }
    };

    private Sampler.Feed<String> feed(Sampler s, String name, long period, AtomicInteger reads) {
        return s.every(name, period, () -> true, () -> {
            reads.incrementAndGet();
            return name;
        }, v -> task.get().add(v));
    }

    @Test
    void feedsDueAtTheSameTickReachTheUiInOneTask() throws Exception {
        AtomicInteger tree = new AtomicInteger();
        AtomicInteger procs = new AtomicInteger();
        AtomicInteger charts = new AtomicInteger();
        AtomicInteger hidden = new AtomicInteger();
        try (Sampler s = new Sampler(ui, 3)) {
            feed(s, "tree", 100, tree);
            feed(s, "processes", 100, procs);
            feed(s, "charts", 50, charts);
            s.every("namespaces", 150, () -> false, () -> {
                hidden.incrementAndGet();
                return "namespaces";
            }, v -> task.get().add(v));
            assertEquals(0, s.tickMillis(), "no clock before start()");
            Thread.sleep(120);
            assertEquals(0, uiTasks.size(), "nothing is read before start()");
            s.start();
            assertEquals(50, s.tickMillis(), "the clock ticks at the greatest common divisor of the periods");
            Thread.sleep(700);
        }
        assertTrue(tree.get() >= 3, "the tree was read " + tree.get() + " times in 0.7 s at 100 ms");
        assertTrue(charts.get() > tree.get(), "the 50 ms feed is read more often than the 100 ms ones");
        assertEquals(0, hidden.get(), "a feed that is not shown is not read");
        for (List<String> t : uiTasks) {
            assertEquals(t.contains("tree"), t.contains("processes"), "the tree and the processes, due together, apply together: " + uiTasks);
            if (t.contains("tree")) assertTrue(t.contains("charts"), "and the charts, due at the same tick, with them: " + uiTasks);
        }
        assertEquals(charts.get(), uiTasks.size(), "one UI task per tick that read something: " + uiTasks);
    }

    @Test
    void nowReadsOneFeedOnItsOwnAndAFailedReadIsKeptForTheStatusBar() throws Exception {
        AtomicInteger tree = new AtomicInteger();
        AtomicInteger procs = new AtomicInteger();
        try (Sampler s = new Sampler(ui, 2)) {
            Sampler.Feed<String> t = feed(s, "tree", 60_000, tree);
            feed(s, "processes", 60_000, procs);
            Sampler.Feed<String> broken = s.every("broken", 60_000, () -> true, () -> {
                throw new IllegalStateException("no such file");
            }, v -> { });
            s.start();
            waitFor(() -> uiTasks.size() == 1);
            t.now();
            waitFor(() -> uiTasks.size() == 2);
            assertEquals(List.of("tree"), uiTasks.get(1), "now() reads and applies that feed alone");
            assertEquals(1, procs.get());
            assertEquals("broken: no such file", broken.lastError());
            assertEquals(List.of("tree", "processes"), uiTasks.get(0), "the failed feed does not keep the others from the UI");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) Thread.sleep(10);
        assertTrue(c.getAsBoolean(), "timed out");
    }
}
