package org.corral.cli;

import picocli.CommandLine;

/**
 * Turns any failure inside a command into one line on stderr and exit status 1; a stack trace
 * helps nobody who typed a wrong limit. CORRAL_DEBUG=1 prints the trace as well.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("corral: " + msg);
        if ("1".equals(System.getenv("CORRAL_DEBUG"))) ex.printStackTrace(cl.getErr());
        return 1;
    }
}
