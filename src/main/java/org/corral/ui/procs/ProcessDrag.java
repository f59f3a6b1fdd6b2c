package org.corral.ui.procs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;

/**
 * What a drag of processes carries: their PIDs, in a format of Corral's own (so a dropped
 * text never moves anything) and as plain text for other programs.
 */
public final class ProcessDrag {
    public static final DataFormat PIDS = lookup();

    private ProcessDrag() {}

    private static DataFormat lookup() {
        DataFormat f = DataFormat.lookupMimeType("application/x-corral-pids");
        return f != null ? f : new DataFormat("application/x-corral-pids");
    }

    public static ClipboardContent content(List<Integer> pids) {
        ClipboardContent c = new ClipboardContent();
        String text = pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
        c.put(PIDS, text);
        c.putString(text);
        return c;
    }

    public static boolean has(Dragboard db) {
        return db.hasContent(PIDS);
    }

    public static List<Integer> pids(Dragboard db) {
        Object o = db.getContent(PIDS);
        List<Integer> out = new ArrayList<>();
        if (o instanceof String s) {
            for (String w : s.strip().split("\\s+")) {
                try {
                    out.add(Integer.parseInt(w));
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
        return out;
    }
}
