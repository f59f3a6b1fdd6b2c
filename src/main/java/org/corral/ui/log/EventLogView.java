package org.corral.ui.log;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.corral.ui.actions.JournalEntry;

/** The event log: time, what changed, and an Undo button where the change can be undone. */
public final class EventLogView {
    private final TableView<JournalEntry> table = new TableView<>();

    public EventLogView(EventLogViewModel vm) {
        table.setId("eventLog");
        table.getStyleClass().add("dense");
        table.setItems(vm.entries());
        Label empty = new Label("Changes you make (moves, limits, freezes…) appear here, with Undo.\n"
                + "Every session's changes are in the audit journal: corral journal (and corral undo SEQ) in a terminal.");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<JournalEntry, String> time = new TableColumn<>("time");
        time.setCellValueFactory(c -> new ReadOnlyStringWrapper(EventLogViewModel.time(c.getValue())));
        time.setPrefWidth(80);
        TableColumn<JournalEntry, JournalEntry> undo = new TableColumn<>("");
        undo.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        undo.setPrefWidth(80);
        undo.setCellFactory(c -> new TableCell<>() {
            private final Button b = new Button("Undo");

            @Override protected void updateItem(JournalEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null || !e.canUndo()) {
                    setGraphic(null);
                    return;
                }
                b.setTooltip(new Tooltip(e.undo().describe()));
                b.setOnAction(x -> vm.undo(e));
                b.getStyleClass().add("small");
                setGraphic(b);
            }
        });
        TableColumn<JournalEntry, String> what = new TableColumn<>("change");
        what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().summary()));
        what.setPrefWidth(700);
        table.getColumns().setAll(List.of(time, undo, what));
    }

    public TableView<JournalEntry> node() {
        return table;
    }
}
