package org.corral.ui.actions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.corral.cgroup.FileChange;

/**
 * The changes made in this window, in order. Written from worker threads; listeners are told
 * on the thread that recorded (the event log view model moves them to the UI thread). Every
 * session's changes, this one's included, are in the backend's audit journal
 * (/var/lib/corral/journal.jsonl: {@code corral journal}, {@code corral undo SEQ}).
 */
public final class Journal {
    private final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public Journal() {
        this(Clock.systemDefaultZone());
    }

    public Journal(Clock clock) {
        this.clock = clock;
    }

    public JournalEntry record(String summary, List<FileChange> files, JournalEntry.UndoStep undo) {
        JournalEntry e = new JournalEntry(ids.incrementAndGet(), clock.instant(), summary, files, undo);
        entries.add(e);
        for (Consumer<JournalEntry> l : listeners) l.accept(e);
        return e;
    }

    public List<JournalEntry> entries() {
        return new ArrayList<>(entries);
    }

    public void onRecord(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }
}
