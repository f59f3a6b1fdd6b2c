package org.corral.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.corral.cgroup.CgroupRef;
import org.corral.protocol.OomEvent;

/**
 * Pushes an {@link OomEvent} when the OOM killer strikes in a cgroup this backend created or
 * gave a memory limit: it reads the cgroup's oom_kill counter (v2 memory.events, v1
 * memory.oom_control) once a second. Polling a handful of small files keeps this free of
 * eventfd and inotify plumbing.
 */
final class OomWatcher implements AutoCloseable {
    private static final long PERIOD_MS = 1000;

    private final ResponseWriter out;
    private final Map<CgroupRef, Long> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    OomWatcher(ResponseWriter out) {
        this.out = out;
        this.thread = new Thread(this::run, "corral-oom-watch");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(CgroupRef ref) {
        if (!ref.hierarchy().has("memory")) return;
        watched.computeIfAbsent(ref, r -> oomKills(r.dir()));
    }

    void forget(CgroupRef ref) {
        watched.remove(ref);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<CgroupRef, Long> e : watched.entrySet()) {
                long now = oomKills(e.getKey().dir());
                if (now > e.getValue()) {
                    e.setValue(now);
                    out.event(new OomEvent(e.getKey().notation(), now));
                }
            }
        }
    }

    /** The oom_kill counter, or 0 where there is none (no memory controller, cgroup gone). */
    static long oomKills(Path dir) {
        for (String file : new String[] {"memory.events", "memory.oom_control"}) {
            try {
                for (String line : Files.readAllLines(dir.resolve(file))) {
                    if (line.startsWith("oom_kill ")) return Long.parseLong(line.substring(9).strip());
                }
            } catch (IOException | NumberFormatException e) {
                // not this file
            }
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
