package org.corral.cli;

import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "stat", description = "(not yet written)")
final class StatCommand implements java.util.concurrent.Callable<Integer> {
    @Override public Integer call() { throw new IllegalStateException("not yet written"); }
}
