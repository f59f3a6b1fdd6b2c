package org.corral.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Periodic reads of the kernel, off the UI thread. Each feed reads on a background thread and
 * applies the result on the UI thread; a feed whose last result is still waiting to be applied
 * skips its turn (so a slow UI is never flooded), and a feed that is not visible does not read
 * at all ("sample only what is shown").
 *
 * <p>One clock for all feeds: at each tick the feeds that are due read one after another, and
 * their results are applied in <em>one</em> UI task, so that what they change reaches the screen
 * in one pulse (one CSS and layout pass, one render of the changed regions). With a clock of its
 * own each, the tree and the process table, both read every second, finished some milliseconds
 * apart and were laid out and rendered in two pulses a second, the charts in a third
 * (bench/RESULTS.md, row 6). The clock ticks at the greatest common divisor of the periods.
 */
public final class Sampler implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Executor ui;
    private final List<Feed<?>> feeds = new CopyOnWriteArrayList<>();
    private boolean started;
    private ScheduledFuture<?> clock;
    private long tickMillis;

    public Sampler(Executor ui, int threads) {
        this.ui = ui;
        this.timer = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "corral-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads {@code read} every {@code periodMillis} while {@code active} holds, and passes each
     * result to {@code apply} on the UI thread; the first read once {@link #start()} was called.
     */
    public synchronized <T> Feed<T> every(String name, long periodMillis, BooleanSupplier active, Supplier<T> read, Consumer<T> apply) {
        if (periodMillis <= 0) throw new IllegalArgumentException("a feed's period must be positive: " + periodMillis);
        Feed<T> f = new Feed<>(name, periodMillis, active, read, apply);
        feeds.add(f);
        if (started) setClock();
        return f;
    }

    /**
     * Starts the reads. The window calls it once its first frame is laid out: the first reads
     * (a tree of thousands of cgroups, every process) would otherwise compete with building and
     * showing the window for the same cores (bench/RESULTS.md, row 7).
     */
    public synchronized void start() {
        if (started) return;
        started = true;
        setClock();
    }

    /** The clock's period: the greatest common divisor of the feeds' periods (1 s for 1, 2 and 5 s). */
    synchronized long tickMillis() {
        return tickMillis;
    }

    private synchronized void setClock() {
        long gcd = 0;
        for (Feed<?> f : feeds) gcd = gcd(gcd, f.periodMillis);
        if (gcd == 0 || (clock != null && gcd == tickMillis)) return;
        if (clock != null) clock.cancel(false);
        tickMillis = gcd;
        clock = timer.scheduleWithFixedDelay(this::tick, 0, gcd, TimeUnit.MILLISECONDS);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** One tick of the clock: the due feeds read in turn, their results applied together. */
    void tick() {
        long now = System.nanoTime();
        long slack = TimeUnit.MILLISECONDS.toNanos(tickMillis()) / 2; // a tick late by the reads still counts
        List<Runnable> applies = new ArrayList<>();
        for (Feed<?> f : feeds) {
            if (!f.due(now, slack)) continue;
            Runnable apply = f.read();
            if (apply != null) applies.add(apply);
        }
        if (applies.isEmpty()) return;
        ui.execute(() -> {
            RuntimeException failed = null;
            for (Runnable a : applies) { // one feed's failure does not keep the others' results from the screen
                try {
                    a.run();
                } catch (RuntimeException e) {
                    if (failed == null) failed = e;
                    else failed.addSuppressed(e);
                }
            }
            if (failed != null) throw failed;
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One periodic read. {@link #now()} asks for an extra read at once (e.g. after a write). */
    public final class Feed<T> {
        private final String name;
        private final long periodMillis;
        private final BooleanSupplier active;
        private final Supplier<T> read;
        private final Consumer<T> apply;
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile String lastError;
        private long lastTick; // System.nanoTime() of the clock tick that last found it due
        private boolean ticked;

        Feed(String name, long periodMillis, BooleanSupplier active, Supplier<T> read, Consumer<T> apply) {
            this.name = name;
            this.periodMillis = periodMillis;
            this.active = active;
            this.read = read;
            this.apply = apply;
        }

        /** Reads now and applies the result on its own (off the clock: the schedule goes on as it was). */
        public void now() {
            synchronized (Sampler.this) {
                if (!started) return; // the first scheduled read comes soon enough
            }
            timer.execute(() -> {
                Runnable a = read();
                if (a != null) ui.execute(a);
            });
        }

        /** The last read's failure, or null: shown in the status bar, never thrown at the UI. */
        public String lastError() {
            return lastError;
        }

        /** Whether its period has passed since the clock last found it due (then it is due from now on). */
        private synchronized boolean due(long now, long slack) {
            if (ticked && now - lastTick < TimeUnit.MILLISECONDS.toNanos(periodMillis) - slack) return false;
            ticked = true;
            lastTick = now;
            return true;
        }

        /** Reads, unless not shown or its last result is still waiting; what applies the result on the UI thread, or null. */
        private synchronized Runnable read() {
            if (pending.get() || !active.getAsBoolean()) return null;
            T value;
            try {
                value = read.get();
                lastError = null;
            } catch (RuntimeException e) {
                lastError = name + ": " + e.getMessage();
                return null;
            }
            pending.set(true);
            return () -> {
                try {
                    apply.accept(value);
                } finally {
                    pending.set(false);
                }
            };
        }
    }
}
