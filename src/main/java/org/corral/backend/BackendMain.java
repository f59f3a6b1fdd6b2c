package org.corral.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corral.sys.Sys;
import org.corral.systemd.WritePolicy;

/**
 * The privileged backend's entry point: {@code pkexec /usr/libexec/corral/corral-backend}
 * runs it as root for the caller polkit authorized, or root runs it directly. It speaks the
 * protocol of {@link org.corral.protocol.Protocol} on stdin/stdout until stdin closes, then
 * exits 0. It opens no socket and reads nothing from the environment but PKEXEC_UID.
 *
 * <p>Options (only when started by root without pkexec; under pkexec any argument is refused):
 * {@code --journal FILE} (default /var/lib/corral/journal.jsonl), {@code --journal-max-bytes N}
 * (rotation size, default 8 MiB).
 *
 * <p>Exit status: 0 when stdin closed, 1 when it refused to start (the reason on stderr),
 * 2 for an unknown option.
 */
public final class BackendMain {
    private BackendMain() {}

    public static void main(String[] args) {
        preferVfork();
        // stdout is the protocol; anything printed by accident goes to stderr instead
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        Caller caller;
        try {
            caller = Caller.fromEnvironment(System.getenv("PKEXEC_UID"), List.of(args), Sys.getuid(), Sys.geteuid());
        } catch (Caller.Refused e) {
            System.err.println("corral-backend: " + e.getMessage());
            System.exit(1);
            return;
        }
        Path journal = Journal.DEFAULT;
        long maxBytes = Journal.DEFAULT_MAX_BYTES;
        List<String> rest = new ArrayList<>(List.of(args));
        try {
            while (!rest.isEmpty()) {
                String opt = rest.remove(0);
                if (opt.equals("--journal") && !rest.isEmpty()) journal = Path.of(rest.remove(0));
                else if (opt.equals("--journal-max-bytes") && !rest.isEmpty()) maxBytes = Long.parseLong(rest.remove(0));
                else throw new IllegalArgumentException(opt);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("corral-backend: unknown option or missing value: " + e.getMessage()
                    + " (options: --journal FILE, --journal-max-bytes N)");
            System.exit(2);
            return;
        }
        System.exit(serve(caller, journal, maxBytes, Sys.geteuid(), null, System.in, protocol));
    }

    /**
     * Starts child processes with vfork(2) and exec, not the JDK 17 default (posix_spawn of
     * {@code jspawnhelper}, which then execs the program): every launch starts its chain this
     * way, and jspawnhelper was one exec of the nine per launch, ~0.6 ms of CPU on a virtual
     * machine where each exec pays for glibc's CPU probing (bench/RESULTS.md, row 8). VFORK is
     * the mechanism Linux JDKs used by default up to 11 and the JDK 17 runtime the packages
     * bundle still offers; JDK 25 deprecates it (and prints a warning), so from 25 on the
     * default stays. Must run before the first process is started (ProcessImpl reads it once).
     */
    static void preferVfork() {
        String key = "jdk.lang.Process.launchMechanism";
        if (Runtime.version().feature() < 25 && System.getProperty(key) == null) System.setProperty(key, "VFORK");
    }

    /**
     * Serves one client in this process, as the caller's own uid, journalling to
     * {@code journal}: the in-process backend of unit tests. The caller is this process's uid.
     *
     * @return when {@code in} ends
     */
    public static void serveInProcess(InputStream in, OutputStream out, Path journal) {
        serveInProcess(in, out, journal, null);
    }

    /**
     * As {@link #serveInProcess(InputStream, OutputStream, Path)}, deciding by {@code policy}
     * instead of this host's own (a test's fixture host with systemd), or null for the host's.
     */
    public static void serveInProcess(InputStream in, OutputStream out, Path journal, WritePolicy policy) {
        serve(new Caller(Sys.getuid(), Caller.IN_PROCESS, ProcessHandle.current().pid()), journal, Journal.DEFAULT_MAX_BYTES,
                Sys.geteuid(), policy, in, out);
    }

    private static int serve(Caller caller, Path journal, long maxBytes, int euid, WritePolicy policy, InputStream in,
                             OutputStream out) {
        ResponseWriter writer = new ResponseWriter(out);
        try (Session session = Session.open(caller, journal, maxBytes, euid, policy, writer)) {
            new RequestLoop(session, in, writer).run();
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("corral-backend: " + e.getMessage());
            return 1;
        }
    }
}
