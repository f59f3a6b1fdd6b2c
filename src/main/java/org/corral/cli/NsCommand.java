package org.corral.cli;

import picocli.CommandLine.Command;

/** Placeholder: replaced by the org.corral.proc work. */
@Command(name = "ns", description = "(not yet written)")
final class NsCommand implements java.util.concurrent.Callable<Integer> {
    @Override public Integer call() { throw new IllegalStateException("not yet written"); }
}
