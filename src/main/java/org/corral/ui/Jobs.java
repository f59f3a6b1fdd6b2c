package org.corral.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands the result back on it. View models take one of these
 * instead of calling Platform.runLater, so plain JUnit tests can pass {@link #direct()} and get
 * the result synchronously, with no FX toolkit.
 */
public final class Jobs {
    private final Executor background;
    private final Executor ui;

    public Jobs(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** Both sides on the caller's thread: for tests. */
    public static Jobs direct() {
        return new Jobs(Runnable::run, Runnable::run);
    }

    /** A daemon worker pool for the app; {@code ui} is Platform::runLater there. */
    public static Jobs app(Executor ui) {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "corral-worker");
            t.setDaemon(true);
            return t;
        });
        return new Jobs(pool, ui);
    }

    public Executor ui() {
        return ui;
    }

    /** Runs {@code work} in the background, then {@code done} or {@code failed} on the UI thread. */
    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        background.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable e) {
                ui.execute(() -> failed.accept(e));
                return;
            }
            ui.execute(() -> done.accept(result));
        });
    }
}
