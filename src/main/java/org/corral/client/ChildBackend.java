package org.corral.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corral.protocol.ErrorCode;

/**
 * The backend as a child process: through pkexec for an ordinary user (polkit decides, maybe
 * asking for a password), or started directly when the caller is root.
 */
public final class ChildBackend extends AbstractBackend {
    /** Where the installed launcher lives; the polkit action's exec.path names it. */
    public static final Path INSTALLED_LAUNCHER = Path.of("/usr/libexec/corral/corral-backend");

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** pkexec may wait for a person to type a password. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final List<String> command;
    private final Path launcher;

    /** @param launcher null for a plain child; else pkexec runs it, and pkexec's refusals are told apart */
    ChildBackend(List<String> command, Path launcher, Duration requestTimeout, String client) {
        super(requestTimeout, START_TIMEOUT, client);
        this.command = List.copyOf(command);
        this.launcher = launcher;
    }

    /**
     * {@code pkexec --disable-internal-agent LAUNCHER}: without the flag pkexec, finding a
     * terminal and no polkit agent, would wait for a password on the terminal forever.
     */
    public static ChildBackend pkexec(Path launcher, String client) {
        return new ChildBackend(List.of("pkexec", "--disable-internal-agent", launcher.toString()), launcher, REQUEST_TIMEOUT, client);
    }

    /** A backend the caller (root) starts itself, e.g. {@code [java, -cp, JAR, org.corral.backend.BackendMain]}. */
    public static ChildBackend plain(List<String> command, String client) {
        return plain(command, REQUEST_TIMEOUT, client);
    }

    public static ChildBackend plain(List<String> command, Duration requestTimeout, String client) {
        return new ChildBackend(command, null, requestTimeout, client);
    }

    @Override
    protected Link open() {
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new BackendException(ErrorCode.NOT_AVAILABLE, "the Corral backend is not installed: " + launcher
                    + " is missing (CORRAL_BACKEND may name another launcher)");
        }
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new BackendException(ErrorCode.NOT_AVAILABLE, launcher != null
                    ? "cannot run pkexec (" + e.getMessage() + "); install it (Debian/Ubuntu: apt install pkexec) or run corral as root"
                    : "cannot start the backend " + command.get(0) + ": " + e.getMessage());
        }
        return new ProcessLink(p, launcher != null);
    }

    /** A started child, its stderr kept (the last lines) for the message if it ends. */
    private static final class ProcessLink implements Link {
        private final Process process;
        private final boolean pkexec;
        private final Deque<String> stderr = new ArrayDeque<>();
        private final Thread stderrReader;

        ProcessLink(Process process, boolean pkexec) {
            this.process = process;
            this.pkexec = pkexec;
            stderrReader = new Thread(this::drainStderr, "corral-backend-stderr");
            stderrReader.setDaemon(true);
            stderrReader.start();
        }

        private void drainStderr() {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stderr) {
                        if (line.isBlank()) continue;
                        stderr.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                        if (stderr.size() > 20) stderr.removeFirst();
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }

        @Override
        public OutputStream requests() {
            return process.getOutputStream();
        }

        @Override
        public InputStream answers() {
            return process.getInputStream();
        }

        /** Exit status (null: still running) and last stderr words, found once when the answers end. */
        private record End(Integer status, String said) {}

        private End end;

        private synchronized End end() {
            if (end != null) return end;
            Integer status = null;
            try {
                if (process.waitFor(5, TimeUnit.SECONDS)) status = process.exitValue();
                stderrReader.join(1000); // its last words
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (stderr) {
                end = new End(status, String.join(" ", stderr));
            }
            return end;
        }

        @Override
        public BackendException ended(boolean answeredHello, String op) {
            End e = end();
            Integer status = e.status();
            String said = e.said();
            if (!answeredHello && pkexec && status != null && (status == 126 || status == 127)) return pkexecRefusal(status, said);
            String how = status == null ? "it stopped answering" : status > 128 ? "killed by signal " + (status - 128)
                    + (status == 137 ? " (SIGKILL)" : "") : "exit status " + status;
            String last = said.isEmpty() ? "" : "; it said: " + said;
            if (!answeredHello) {
                return new BackendException(ErrorCode.DIED, "the Corral backend did not start (" + how + ")" + last);
            }
            return new BackendException(ErrorCode.DIED, "the Corral backend stopped before answering '" + op + "' (" + how
                    + "); the change may or may not have been made: `corral journal` lists what was done" + last);
        }

        /** pkexec's own exit codes: 126 the dialog was dismissed, 127 not authorized or no polkit. */
        private static BackendException pkexecRefusal(int status, String said) {
            String user = System.getProperty("user.name");
            String pk = said.isEmpty() ? "" : " (pkexec: " + said.replace("This incident has been reported.", "").strip() + ")";
            if (status == 126) {
                return new BackendException(ErrorCode.NOT_AUTHORIZED, "not authorized: the authentication was cancelled" + pk);
            }
            if (said.contains("Error getting authority") || said.contains("Cannot connect")) {
                return new BackendException(ErrorCode.NOT_AVAILABLE, "polkit is not running, so nobody can authorize the Corral backend"
                        + pk + "; start the system D-Bus (polkitd starts with it)");
            }
            if (said.contains("No authentication agent")) {
                return new BackendException(ErrorCode.NOT_AUTHORIZED, "not authorized: polkit needs a password for " + user
                        + ", and no authentication agent runs in this session to ask for it" + pk
                        + "; run corral from a desktop session, or ask an administrator for a polkit rule");
            }
            if (said.contains("Not authorized")) {
                return new BackendException(ErrorCode.NOT_AUTHORIZED, "not authorized: polkit does not allow " + user
                        + " to run the Corral backend" + pk + "; ask an administrator, or run corral as root");
            }
            return new BackendException(ErrorCode.NOT_AUTHORIZED, "not authorized: pkexec refused with exit status " + status + pk);
        }

        @Override
        public void stop() {
            try {
                process.getOutputStream().close(); // the backend exits when its stdin ends
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
