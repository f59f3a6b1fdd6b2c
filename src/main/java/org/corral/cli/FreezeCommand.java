package org.corral.cli;

import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "freeze", description = "(not yet written)")
final class FreezeCommand implements java.util.concurrent.Callable<Integer> {
    @Override public Integer call() { throw new IllegalStateException("not yet written"); }
}
