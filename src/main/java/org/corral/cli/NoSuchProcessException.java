package org.corral.cli;

/** A PID given on the command line names no process; exit 1 with one line. */
final class NoSuchProcessException extends RuntimeException {
    NoSuchProcessException(int pid) {
        super("no process " + pid + " (it may have exited)");
    }
}
