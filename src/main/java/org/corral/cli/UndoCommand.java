package org.corral.cli;

import java.util.concurrent.Callable;
import org.corral.client.Backend;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.Op;
import org.corral.protocol.UndoArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code corral undo SEQ}: restore what a journalled change replaced. */
@Command(name = "undo", description = "Restore what journal entry SEQ changed (limits, freeze, subtree_control; a create is undone by removing the cgroup).")
final class UndoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEQ", description = "The journal entry (see corral journal).")
    long seq;

    @Option(names = "--force", description = "Restore even if the file was changed again since.")
    boolean force;

    @Override
    public Integer call() {
        if (seq < 1) throw new org.corral.cgroup.InvalidValueException("'" + seq + "' is not a journal entry; see corral journal");
        ChangeResult r;
        try (Backend b = BackendChanges.connect()) {
            r = b.call(Op.UNDO, new UndoArgs(seq, force), ChangeResult.class);
        }
        StringBuilder out = new StringBuilder("undid " + seq + " on " + r.target() + ":");
        for (Change c : r.changes()) out.append(" ").append(c.file()).append(" = ").append(c.after()).append(" (was ").append(c.before()).append(")");
        if (r.systemd() != null) out.append(" ").append(r.message());
        else if (r.changes().isEmpty()) out.append(" removed it");
        spec.commandLine().getOut().println(out + " [journal " + r.journalSeq() + "]");
        return 0;
    }
}
