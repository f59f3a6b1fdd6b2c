package org.corral.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started, and so may move, freeze and kill. Closing it kills it by its PID
 * (never anything else) and reaps it.
 */
public final class Spawned implements AutoCloseable {
    private final Process process;

    private Spawned(Process process) {
        this.process = process;
    }

    public static Spawned start(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            return new Spawned(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command), e);
        }
    }

    /** A shell loop that burns CPU until killed. */
    public static Spawned busyLoop() {
        return start("sh", "-c", "while :; do :; done");
    }

    /** A process that waits for a line on stdin, then runs {@code sh -c script} in its place. */
    public static Spawned gated(String script) {
        return start("sh", "-c", "read go; exec sh -c '" + script.replace("'", "'\\''") + "'");
    }

    public int pid() {
        return (int) process.pid();
    }

    public Process process() {
        return process;
    }

    /** Releases a {@link #gated} process. */
    public void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    public String output() throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("process " + pid() + " still running after " + seconds + " s");
        return process.exitValue();
    }

    /** utime + stime of the process, in clock ticks, from /proc/PID/stat fields 14 and 15. */
    public long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
