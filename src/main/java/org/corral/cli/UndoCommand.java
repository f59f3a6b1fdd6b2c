package org.corral.cli;

import java.util.concurrent.Callable;
import org.corral.client.Backend;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.Op;
import org.corral.protocol.UndoArgs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral undo SEQ}: restore what a journalled change replaced. */
final class UndoCommand implements Callable<Integer> {
    CommandSpec spec;
    long seq;
    boolean force;

    static CommandSpec spec(UndoCommand c) {
        c.spec = Specs.command(c, "undo",
                "Restore what journal entry SEQ changed (limits, freeze, subtree_control; a create is undone by removing the cgroup).");
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().index("0").type(long.class).initialValue(0L).paramLabel("SEQ")
                .description("The journal entry (see corral journal)."), () -> c.seq, v -> c.seq = v));
        c.spec.addOption(Specs.flag("--force", "Restore even if the file was changed again since.", () -> c.force, v -> c.force = v));
        return c.spec;
    }

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
