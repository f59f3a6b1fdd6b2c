package org.corral.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.sandbox.PersistedNamespaces;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code corral ns release DIR}: unmounts the namespaces {@code corral run --persist DIR} kept. */
final class NsReleaseCommand implements Callable<Integer> {
    Path dir;
    CommandSpec spec;

    static CommandSpec spec(NsReleaseCommand c) {
        c.spec = Specs.command(c, "release", "Unmount the namespaces kept in DIR by corral run --persist DIR (root).");
        c.spec.addPositional(Specs.positional(PositionalParamSpec.builder().type(Path.class).paramLabel("DIR"), () -> c.dir, v -> c.dir = v));
        return c.spec;
    }

    @Override
    public Integer call() {
        List<PersistedNamespaces.Entry> done = PersistedNamespaces.release(dir.toAbsolutePath().normalize());
        for (PersistedNamespaces.Entry e : done) {
            spec.commandLine().getOut().println("released " + e.type().kernelName() + ":[" + e.inode() + "] " + e.file());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
