package org.corral.cli;

import java.util.concurrent.Callable;
import org.corral.client.Backend;
import org.corral.protocol.CorralJson;
import org.corral.protocol.HelloResult;
import picocli.CommandLine.Model.CommandSpec;

/** {@code corral backend}: start the privileged backend (through polkit) and show its hello. */
final class BackendCommand implements Callable<Integer> {
    CommandSpec spec;
    boolean json;

    static CommandSpec spec(BackendCommand c) {
        c.spec = Specs.command(c, "backend",
                "Start the privileged backend (through pkexec unless root) and show who it runs as and for whom.");
        c.spec.addOption(Specs.flag("--json", "The backend's hello as JSON.", () -> c.json, v -> c.json = v));
        return c.spec;
    }

    @Override
    public Integer call() throws Exception {
        HelloResult h;
        try (Backend b = BackendChanges.connect()) {
            h = b.hello();
        }
        if (json) {
            spec.commandLine().getOut().println(CorralJson.mapper().writeValueAsString(h));
        } else {
            spec.commandLine().getOut().println("backend pid " + h.backendPid() + " (protocol " + h.protocol() + ", started via " + h.via()
                    + ") runs as uid " + h.euid() + " (real " + h.ruid() + ") for caller uid " + h.callerUid()
                    + "; journal " + h.journal() + "; host " + h.layout() + (h.systemd() ? " with systemd" : " without systemd"));
        }
        return 0;
    }
}
