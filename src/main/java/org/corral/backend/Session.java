package org.corral.backend;

import java.io.IOException;
import java.nio.file.Path;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.systemd.PolicyGate;
import org.corral.systemd.WritePolicy;

/**
 * One run of the backend, for one caller: the host's hierarchies as detected at start, the
 * checks, the writer, the journal and the OOM watcher every request shares.
 */
final class Session implements AutoCloseable {
    private final Caller caller;
    private final long pid = ProcessHandle.current().pid();
    private final CgroupWriter writer = new CgroupWriter();
    private final CgroupGuard cgroups;
    private final ProcessGuard processes;
    private final Journal journal;
    private final OomWatcher oom;
    private final PolicyGate gate;
    private final ResponseWriter events;
    private final java.util.List<java.util.concurrent.CompletableFuture<?>> launches = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With this host's own write policy. */
    Session(Caller caller, Hierarchies hierarchies, Journal journal, ResponseWriter events) {
        this(caller, hierarchies, WritePolicy.forHost(hierarchies), journal, events);
    }

    Session(Caller caller, Hierarchies hierarchies, WritePolicy policy, Journal journal, ResponseWriter events) {
        this.caller = caller;
        this.gate = new PolicyGate(policy, PolicyGate.SYSTEM_OR_USER_SOCKET, caller.uid());
        this.events = events;
        this.cgroups = new CgroupGuard(hierarchies, writer);
        this.processes = new ProcessGuard(Path.of("/proc"), pid);
        this.journal = journal;
        this.oom = new OomWatcher(events);
    }

    /**
     * Opens the journal at {@code journalFile} and records that a backend started for the caller.
     *
     * @param policy how this host's cgroups are written (raw, through systemd, or not at all);
     *               null for the host's own ({@link WritePolicy#forHost})
     * @throws IOException if the journal cannot be used (the backend then refuses to start: a
     *                     change it could not record is a change it must not make)
     */
    static Session open(Caller caller, Path journalFile, long journalMaxBytes, int euid, WritePolicy policy, ResponseWriter out)
            throws IOException {
        Journal j = Journal.open(journalFile, journalMaxBytes, Journal.DEFAULT_KEEP, euid, ProcessHandle.current().pid(), caller.uid());
        j.append(org.corral.protocol.JournalEntry.START, null, null, org.corral.protocol.JournalEntry.OK, null, null, caller.via());
        Hierarchies hierarchies = Hierarchies.detect();
        return new Session(caller, hierarchies, policy == null ? WritePolicy.forHost(hierarchies) : policy, j, out);
    }

    Caller caller() {
        return caller;
    }

    long pid() {
        return pid;
    }

    CgroupWriter writer() {
        return writer;
    }

    CgroupGuard cgroups() {
        return cgroups;
    }

    /** The systemd write policy, acting for the caller: every op asks it before it changes anything. */
    PolicyGate gate() {
        return gate;
    }

    ProcessGuard processes() {
        return processes;
    }

    Journal journal() {
        return journal;
    }

    OomWatcher oom() {
        return oom;
    }

    /**
     * A program this backend launched: {@link #close} waits for its end, so that the cgroups
     * made for it are removed when it is gone even after the client has left.
     */
    void launched(java.util.concurrent.CompletableFuture<?> exit) {
        launches.add(exit);
    }

    /** Pushes an event line (no id) to the client, e.g. a launched payload's end. */
    void event(Object event) {
        events.event(event);
    }

    @Override
    public void close() throws IOException {
        for (java.util.concurrent.CompletableFuture<?> f : launches) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // its cleanup failed; nothing more to wait for
            }
        }
        oom.close();
        journal.close();
    }
}
