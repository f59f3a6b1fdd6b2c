package org.corral.cli;

import java.io.PrintWriter;
import java.util.List;
import org.corral.sandbox.PersistedNamespaces;

/** {@code corral ns --persistent}: every namespace kept alive by a bind mount, from /proc/self/mountinfo. */
final class PersistentNs {
    private PersistentNs() {}

    record Out(List<Item> persistent) {}

    record Item(String file, String type, long ns) {}

    static void print(PrintWriter out, boolean json) {
        List<PersistedNamespaces.Entry> all = PersistedNamespaces.list();
        if (json) {
            out.println(ProcJson.write(new Out(all.stream().map(e -> new Item(e.file().toString(), e.type().kernelName(), e.inode())).toList())));
        } else {
            ProcTextTable t = new ProcTextTable(">NS", "TYPE", "FILE");
            for (PersistedNamespaces.Entry e : all) t.row(e.inode(), e.type().kernelName(), e.file());
            t.print(out);
        }
        out.flush();
    }
}
