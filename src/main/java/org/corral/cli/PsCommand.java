package org.corral.cli;

import picocli.CommandLine.Command;

/** Placeholder: replaced by the org.corral.proc work. */
@Command(name = "ps", description = "(not yet written)")
final class PsCommand implements java.util.concurrent.Callable<Integer> {
    @Override public Integer call() { throw new IllegalStateException("not yet written"); }
}
