package org.corral.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 */
public final class Sampler implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Executor ui;
    private final List<Feed<?>> feeds = new ArrayList<>();
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean started;

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
        Feed<T> f = new Feed<>(name, active, read, apply);
        feeds.add(f);
        Runnable schedule = () -> timer.scheduleWithFixedDelay(f::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
        if (started) schedule.run();
        else waiting.add(schedule);
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
        waiting.forEach(Runnable::run);
        waiting.clear();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One periodic read. {@link #now()} asks for an extra read at once (e.g. after a write). */
    public final class Feed<T> {
        private final String name;
        private final BooleanSupplier active;
        private final Supplier<T> read;
        private final Consumer<T> apply;
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile String lastError;

        Feed(String name, BooleanSupplier active, Supplier<T> read, Consumer<T> apply) {
            this.name = name;
            this.active = active;
            this.read = read;
            this.apply = apply;
        }

        public void now() {
            synchronized (Sampler.this) {
                if (!started) return; // the first scheduled read comes soon enough
            }
            timer.execute(this::tick);
        }

        /** The last read's failure, or null: shown in the status bar, never thrown at the UI. */
        public String lastError() {
            return lastError;
        }

        private synchronized void tick() {
            if (pending.get() || !active.getAsBoolean()) return;
            T value;
            try {
                value = read.get();
                lastError = null;
            } catch (RuntimeException e) {
                lastError = name + ": " + e.getMessage();
                return;
            }
            pending.set(true);
            ui.execute(() -> {
                try {
                    apply.accept(value);
                } finally {
                    pending.set(false);
                }
            });
        }
    }
}
