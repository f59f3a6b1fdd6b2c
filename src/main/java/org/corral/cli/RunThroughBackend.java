package org.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.corral.client.Backend;
import org.corral.protocol.LaunchArgs;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.Op;
import org.corral.sandbox.LaunchSpec;
import org.corral.sandbox.LaunchValidator;
import org.corral.sys.Errno;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;
import picocli.CommandLine;

/**
 * {@code corral run} for an ordinary user: the launch op of the privileged backend (started
 * through pkexec, so polkit decides). The backend acts for the user's own uid; it gets the
 * desktop variables of this environment the launcher accepts (DISPLAY, WAYLAND_DISPLAY,
 * XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS, LANG, LC_*...). The program's stdin, stdout and
 * stderr are /dev/null (the backend's are the protocol). The end comes as an "exited" event.
 */
final class RunThroughBackend {
    private final CommandLine cl;
    private final boolean jsonStatus;

    RunThroughBackend(CommandLine cl, boolean jsonStatus) {
        this.cl = cl;
        this.jsonStatus = jsonStatus;
    }

    int run(LaunchSpec s) throws Exception {
        PrintWriter out = cl.getOut();
        Map<Integer, CompletableFuture<JsonNode>> ends = new ConcurrentHashMap<>();
        try (Backend backend = BackendChanges.connect()) {
            // an end can come before the answer (a program that exits at once): keep every one
            backend.onEvent(e -> {
                if ("exited".equals(e.path("event").asText())) ends.computeIfAbsent(e.path("pid").asInt(), p -> new CompletableFuture<>()).complete(e);
            });
            LaunchResult r = backend.call(Op.LAUNCH, args(s, System.getenv()), LaunchResult.class);
            Thread stop = forwardTermination(r.pid());
            for (String note : r.notes() == null ? List.<String>of() : r.notes()) cl.getErr().println("corral: note: " + note);
            if (r.unit() != null) cl.getErr().println(RunStatus.unitLine(r.unit(), r.cgroups()));
            cl.getErr().flush();
            if (jsonStatus) {
                out.println(RunStatus.line(new RunStatus.Started("started", r.pid(), r.uid(), r.user(), r.cgroups(), r.namespaces(),
                        r.created(), r.persisted(), r.unit())));
                out.flush();
            }
            JsonNode end = ends.computeIfAbsent(r.pid(), p -> new CompletableFuture<>()).get();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
            int code = end.path("exitCode").asInt();
            List<String> left = new ArrayList<>();
            end.path("cgroupsLeft").forEach(n -> left.add(n.asText()));
            if (jsonStatus) {
                out.println(RunStatus.line(new RunStatus.Exited("exited", r.pid(), code, end.path("oomKills").asLong(), left)));
                out.flush();
            }
            RunCommand.reportEnd(cl.getErr(), s.command().get(0), end.path("oomKills").asLong(), left);
            return code;
        }
    }

    static LaunchArgs args(LaunchSpec s, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        environment.forEach((k, v) -> {
            if (LaunchValidator.CALLER_ENV.contains(k) || k.startsWith("LC_")) env.put(k, v);
        });
        return new LaunchArgs(s.command(), orNull(s.namespaces()), s.hostname(), s.domainname(), toLong(s.uidInside()), toLong(s.gidInside()), s.mapRoot(),
                s.root(), s.jail(), orNull(s.binds()), orNull(s.roBinds()), s.net(), s.memoryMax(), s.memoryHigh(), s.cpus(), s.cpuMax(),
                s.pidsMax(), orNull(s.cgroups()), s.parent(), s.persist(), s.join(), s.user(), env.isEmpty() ? null : env, s.workDir(),
                s.name());
    }

    /** The protocol refuses an empty list where a list is given; an absent one is no list. */
    private static List<String> orNull(List<String> l) {
        return l == null || l.isEmpty() ? null : l;
    }

    private static Long toLong(Integer i) {
        return i == null ? null : i.longValue();
    }

    /** ^C reaches only Corral (the program has its own session): SIGTERM it, SIGKILL it 3 s later. It is the user's own. */
    private static Thread forwardTermination(int pid) {
        Thread hook = new Thread(() -> {
            try {
                Sys.kill(pid, 15);
                for (int i = 0; i < 30 && Sys.processExists(pid); i++) TimeUnit.MILLISECONDS.sleep(100);
                if (Sys.processExists(pid)) Sys.kill(pid, 9);
            } catch (SysCallException e) {
                if (e.errno() != Errno.ESRCH) System.err.println("corral: cannot stop process " + pid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "corral-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
