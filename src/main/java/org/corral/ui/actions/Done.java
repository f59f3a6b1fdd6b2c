package org.corral.ui.actions;

import java.util.List;
import org.corral.cgroup.FileChange;

/**
 * What one change did, as the writer reports it: the kernel files written (before → after), how
 * many processes a kill signalled, and the writer's own sentence where it has one. The backend
 * says one on a host where systemd runs ("asked systemd to set MemoryMax=2G on session-2.scope
 * (SetUnitProperties, runtime); …", or why it wrote a delegated cgroup itself); then no files
 * may have been written by Corral at all, because systemd was asked.
 *
 * @param files      the files written, in order (empty when systemd was asked instead)
 * @param processes  kill: how many processes were signalled; else 0
 * @param said       the writer's sentence, or null
 * @param viaSystemd whether systemd carried the change out (D-Bus), not a file write
 */
public record Done(List<FileChange> files, int processes, String said, boolean viaSystemd) {
    public Done {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static Done files(List<FileChange> files) {
        return new Done(files, 0, null, false);
    }

    public static Done file(FileChange f) {
        return files(f == null ? List.of() : List.of(f));
    }

    public static Done nothing() {
        return files(List.of());
    }

    public static Done killed(int processes) {
        return new Done(List.of(), processes, null, false);
    }

    /** The first file written, or null. */
    public FileChange first() {
        return files.isEmpty() ? null : files.get(0);
    }

    /**
     * The sentence for the person: the writer's own where systemd did the change (it names the
     * call and the unit), {@code ours} with the writer's reason added where it gave one, else
     * {@code ours} alone (every change where systemd does not run).
     */
    public String tell(String ours) {
        if (said == null || said.isBlank()) return ours;
        if (viaSystemd) return capitalised(said);
        String o = ours.endsWith(".") ? ours.substring(0, ours.length() - 1) : ours;
        return o + " (" + said.strip() + ").";
    }

    /** The same for the event log's lines, which are not sentences ("froze /a", "set /a memory.max = 2G"). */
    public String line(String ours) {
        if (said == null || said.isBlank()) return ours;
        return viaSystemd ? said.strip() : ours + " (" + said.strip() + ")";
    }

    private static String capitalised(String s) {
        String t = s.strip();
        if (!t.isEmpty() && Character.isLowerCase(t.charAt(0)) && !t.startsWith("systemd")) {
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        return t.endsWith(".") ? t : t + ".";
    }
}
