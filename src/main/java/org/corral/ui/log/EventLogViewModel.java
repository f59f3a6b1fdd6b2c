package org.corral.ui.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.actions.Journal;
import org.corral.ui.actions.JournalEntry;

/**
 * The event log: every change made, newest first, from the journal; Undo makes the inverse
 * change (itself journaled) through the same actions.
 */
public final class EventLogViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ObservableList<JournalEntry> entries = FXCollections.observableArrayList();
    private final CgroupActions actions;
    private final Jobs jobs;
    private final Notices notices;
    private final Runnable refresh;

    public EventLogViewModel(Journal journal, CgroupActions actions, Jobs jobs, Notices notices, Runnable refresh) {
        this.actions = actions;
        this.jobs = jobs;
        this.notices = notices;
        this.refresh = refresh;
        entries.setAll(journal.entries());
        FXCollections.reverse(entries);
        journal.onRecord(e -> jobs.ui().execute(() -> entries.add(0, e)));
    }

    public ObservableList<JournalEntry> entries() {
        return entries;
    }

    public static String time(JournalEntry e) {
        return TIME.format(e.at());
    }

    public void undo(JournalEntry e) {
        if (e == null || !e.canUndo()) {
            notices.problem("That change cannot be undone.");
            return;
        }
        jobs.run(() -> {
            e.undo().undo(actions);
            return "Undone: " + e.undo().describe() + ".";
        }, msg -> {
            notices.info(msg);
            refresh.run();
        }, ex -> notices.problem("Could not undo (" + e.undo().describe() + "): " + ex.getMessage()));
    }
}
