package org.corral.ui.tree;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.CgroupPath;

/**
 * Which cgroups the tree feed reads the files of: the rows on screen (what a row shows) and the
 * selected ones (whole: the details pane shows them), not the thousands scrolled away or folded in.
 * The view reports each row it shows or stops showing; a row shown that the last read skipped
 * asks for a read at once, so scrolling or opening a branch shows fresh numbers, not old ones.
 * Told on the UI thread; {@link #paths()} is read by the sampler's thread.
 */
public final class ShownRows {
    private final Set<CgroupRow> onScreen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Runnable readNow;
    private List<CgroupRow> selected = List.of();
    private TreeSnapshot lastRead; // null until the first read is applied: everything is stale
    private boolean asked;
    private volatile Set<CgroupPath> paths = Set.of();
    private volatile Set<CgroupPath> wholePaths = Set.of();

    /** @param readNow asks the tree feed for a read now (it reads {@link #paths()}) */
    public ShownRows(Runnable readNow) {
        this.readNow = readNow;
    }

    /** A table row stopped showing {@code was} (may be null) and shows {@code now} (may be null). */
    public void shown(CgroupRow was, CgroupRow now) {
        if (was != null) onScreen.remove(was);
        if (now != null) onScreen.add(now);
        update();
    }

    public void selected(Collection<CgroupRow> rows) {
        selected = List.copyOf(rows);
        update();
    }

    /** A read was applied: what it read is fresh; anything shown since then is asked for. */
    public void applied(TreeSnapshot s) {
        asked = false;
        lastRead = s;
        askIfStale();
    }

    /** The paths the next read reads the files of (the root is always read). */
    public Set<CgroupPath> paths() {
        return paths;
    }

    /** Of {@link #paths()}, those read whole: the selected ones. */
    public Set<CgroupPath> wholePaths() {
        return wholePaths;
    }

    private void update() {
        Set<CgroupPath> p = new HashSet<>();
        for (CgroupRow r : onScreen) p.add(r.ref().path());
        Set<CgroupPath> whole = new HashSet<>();
        for (CgroupRow r : selected) whole.add(r.ref().path());
        p.addAll(whole);
        wholePaths = Set.copyOf(whole);
        paths = Set.copyOf(p);
        askIfStale();
    }

    private void askIfStale() {
        if (asked) return;
        for (CgroupPath p : paths) {
            if (lastRead == null || !lastRead.wasRead(p) || (wholePaths.contains(p) && !lastRead.wasReadWhole(p))) {
                asked = true;
                readNow.run();
                return;
            }
        }
    }
}
