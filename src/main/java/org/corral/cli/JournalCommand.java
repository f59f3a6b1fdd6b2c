package org.corral.cli;

import java.util.concurrent.Callable;
import org.corral.client.Backend;
import org.corral.protocol.Change;
import org.corral.protocol.CorralJson;
import org.corral.protocol.JournalArgs;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.JournalResult;
import org.corral.protocol.Op;
import org.corral.protocol.SystemdCall;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code corral journal}: the backend's audit journal, newest last. */
final class JournalCommand implements Callable<Integer> {
    CommandSpec spec;
    int count;
    boolean json;

    static CommandSpec spec(JournalCommand c) {
        c.spec = Specs.command(c, "journal", "Show the recent changes the backend made (its audit journal), newest last.");
        c.spec.addOption(Specs.option(OptionSpec.builder("-n", "--count").type(int.class).paramLabel("<count>").initialValue(0).defaultValue("20")
                .description("How many entries (1-" + JournalArgs.MAX + ", default ${DEFAULT-VALUE})."), () -> c.count, v -> c.count = v));
        c.spec.addOption(Specs.flag("--json", "JSON: {\"entries\": [...]}.", () -> c.json, v -> c.json = v));
        return c.spec;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > JournalArgs.MAX) throw new org.corral.cgroup.InvalidValueException("--count must be 1 to " + JournalArgs.MAX);
        JournalResult r;
        try (Backend b = BackendChanges.connect()) {
            r = b.call(Op.JOURNAL, new JournalArgs(count), JournalResult.class);
        }
        if (json) {
            spec.commandLine().getOut().println(CorralJson.mapper().writeValueAsString(r));
            return 0;
        }
        for (JournalEntry e : r.entries()) spec.commandLine().getOut().println(line(e));
        return 0;
    }

    static String line(JournalEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(e.seq()).append("  ").append(e.time()).append("  uid ").append(e.callerUid()).append("  ").append(e.op());
        if (e.via() != null) b.append(" (").append(e.via()).append(", pid ").append(e.backendPid()).append(")");
        if (e.target() != null) b.append("  ").append(e.target());
        if (e.undoes() != null) b.append("  undoes ").append(e.undoes());
        if (e.changes() != null) {
            for (Change c : e.changes()) b.append("  ").append(c.file()).append(": ").append(c.before()).append(" -> ").append(c.after());
        }
        if (e.systemd() != null) {
            SystemdCall s = e.systemd();
            b.append("  through systemd (").append(s.manager()).append("): ").append(s.method()).append(" ").append(s.unit());
            if (s.properties() != null) {
                for (SystemdCall.Property p : s.properties()) b.append("  ").append(p.name()).append(": ").append(p.before()).append(" -> ").append(p.after());
            }
            if (s.pids() != null) b.append("  pids ").append(String.join(" ", s.pids().stream().map(String::valueOf).toList()));
        }
        if (JournalEntry.ERROR.equals(e.result())) b.append("  FAILED: ").append(e.error());
        return b.toString();
    }
}
