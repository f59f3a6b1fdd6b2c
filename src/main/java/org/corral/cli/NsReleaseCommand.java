package org.corral.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.corral.sandbox.PersistedNamespaces;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code corral ns release DIR}: unmounts the namespaces {@code corral run --persist DIR} kept. */
@Command(name = "release", description = "Unmount the namespaces kept in DIR by corral run --persist DIR (root).")
final class NsReleaseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path dir;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
