package org.corral.ui.procs;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.corral.cgroup.Hierarchy;
import org.corral.proc.ProcCgroupEntry;
import org.corral.proc.ProcessInfo;

/**
 * One process in the table, kept while the process lives (same PID and start time): refreshes
 * update it in place, so the table keeps its selection and scroll position.
 */
public final class ProcessRow {
    private final int pid;
    private final long startTicks;
    private final ObjectProperty<ProcessInfo> info = new SimpleObjectProperty<>();
    private final StringProperty user = new SimpleStringProperty();
    private final StringProperty command = new SimpleStringProperty();
    private final StringProperty cgroup = new SimpleStringProperty();
    private final ObjectProperty<Long> rss = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> cpuPercent = new SimpleObjectProperty<>();

    ProcessRow(ProcessInfo p) {
        this.pid = p.pid();
        this.startTicks = p.startTicks();
    }

    /** Identity across refreshes: a PID reused by a new process is a new row. */
    record Key(int pid, long startTicks) {
        static Key of(ProcessInfo p) {
            return new Key(p.pid(), p.startTicks());
        }
    }

    Key key() {
        return new Key(pid, startTicks);
    }

    void update(ProcessInfo p, Double cpu, Hierarchy shown) {
        info.set(p);
        set(user, p.user().orElse(p.uid().isPresent() ? Integer.toString(p.uid().getAsInt()) : "?"));
        set(command, p.command());
        set(cgroup, cgroupIn(p, shown));
        if (!Objects.equals(rss.get(), p.rssBytes().isPresent() ? p.rssBytes().getAsLong() : null)) {
            rss.set(p.rssBytes().isPresent() ? p.rssBytes().getAsLong() : null);
        }
        Double rounded = cpu == null ? null : Math.round(cpu * 10) / 10.0;
        if (!Objects.equals(cpuPercent.get(), rounded)) cpuPercent.set(rounded);
    }

    void showIn(Hierarchy shown) {
        set(cgroup, cgroupIn(info.get(), shown));
    }

    private static void set(StringProperty p, String v) {
        if (!Objects.equals(p.get(), v)) p.set(v);
    }

    /** The process's cgroup path in the hierarchy the tree shows (as /proc/PID/cgroup says). */
    static String cgroupIn(ProcessInfo p, Hierarchy h) {
        if (h == null) return p.mainCgroup().map(ProcCgroupEntry::notation).orElse("");
        for (ProcCgroupEntry e : p.cgroups()) {
            if (h.isV2() ? e.isV2() : !e.isV2() && e.controllers().containsAll(h.controllers())) return e.path();
        }
        return "";
    }

    public int pid() {
        return pid;
    }

    public ProcessInfo info() {
        return info.get();
    }

    public ReadOnlyObjectProperty<ProcessInfo> infoProperty() {
        return info;
    }

    public boolean kernelThread() {
        return info.get().kernelThread();
    }

    public ReadOnlyStringProperty userProperty() {
        return user;
    }

    public ReadOnlyStringProperty commandProperty() {
        return command;
    }

    /** Path in the shown hierarchy. */
    public ReadOnlyStringProperty cgroupProperty() {
        return cgroup;
    }

    public ReadOnlyObjectProperty<Long> rssProperty() {
        return rss;
    }

    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent;
    }

    @Override public String toString() {
        return pid + " " + command.get();
    }
}
