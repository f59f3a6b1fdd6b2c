package org.corral.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the payload's new user namespace the unprivileged way, as the payload's own user:
 * {@code setpriv} drops to the user, {@code unshare --user --map-user=X --map-group=Y} creates
 * the namespace and writes its one-line uid_map and gid_map (the caller's ids, nothing else;
 * everything unmapped shows as the overflow id 65534), then a shell holds it until Corral has
 * bound /proc/PID/ns/user to a file. The payload later enters it with
 * {@code nsenter --user=FILE --preserve-credentials}: its real uid stays the user's.
 *
 * <p>Why a separate process: a JVM cannot unshare(CLONE_NEWUSER) (multi-threaded callers get
 * EINVAL), and making the namespace before the launch chain starts lets Corral report its
 * inode and persist it before the payload runs.
 */
final class UserNsHolder implements AutoCloseable {
    private final Process process;
    private final CompletableFuture<String> firstLine;

    private UserNsHolder(Process process) {
        this.process = process;
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.firstLine = CompletableFuture.supplyAsync(() -> {
            StringBuilder sb = new StringBuilder();
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("corral-holder-ready")) return null;
                    sb.append(line).append(' ');
                }
            } catch (IOException e) {
                sb.append(e.getMessage());
            }
            return sb.toString().strip();
        });
    }

    static UserNsHolder start(List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8"));
            pb.directory(new java.io.File("/"));
            return new UserNsHolder(pb.start());
        } catch (IOException e) {
            throw new LaunchException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    int pid() {
        return (int) process.pid();
    }

    /** Waits until the namespace exists and is mapped. */
    void awaitReady(Duration timeout) {
        String problem;
        try {
            problem = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            problem = "no answer after " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } catch (ExecutionException e) {
            problem = e.getCause().getMessage();
        }
        if (problem != null) {
            throw new LaunchException("cannot create a user namespace for the payload's user"
                    + (problem.isEmpty() ? "" : ": " + problem)
                    + " (does this kernel allow unprivileged user namespaces? see /proc/sys/user/max_user_namespaces)");
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
