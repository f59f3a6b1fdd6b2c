package org.corral.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.corral.sys.LibC;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * The two FIFOs between Corral and a launch chain ({@link CommandChain}), in a private
 * directory only root can open them in.
 *
 * <p><b>gate</b>: the chain reads a "go" line at each of its two gates. Corral holds it open
 * read-write, so the chain's read-only open never blocks; if Corral dies, the last writer is
 * gone, the chain's read sees end-of-file and it exits (125) without running the payload.
 * (Should Corral die in the few milliseconds before the chain's shell has opened the gate,
 * that shell waits in open(2) for a writer that never comes: it stays, stopped before
 * gate 1, in a root-only directory. A failed launch never gets there: Corral kills its chain.)
 *
 * <p><b>ready</b>: the setup script writes "corral-ready" when the namespaces exist and the jail
 * is built, or its errors. Corral holds only the read end (non-blocking), so when every
 * process of the chain has exited, poll(2) reports POLLHUP: a failed setup is seen at once.
 */
final class LaunchGate implements AutoCloseable {
    static final String READY = "corral-ready";

    private final Path gate;
    private final Path ready;
    private int gateFd = -1;
    private int readyFd = -1;
    private final StringBuilder received = new StringBuilder();

    private LaunchGate(Path gate, Path ready) {
        this.gate = gate;
        this.ready = ready;
    }

    static LaunchGate create(Path dir) throws SysCallException {
        LaunchGate g = new LaunchGate(dir.resolve("gate"), dir.resolve("ready"));
        try {
            Sys.mkfifo(g.gate, 0600);
            Sys.mkfifo(g.ready, 0600);
            g.gateFd = Sys.open(g.gate, LibC.O_RDWR | LibC.O_CLOEXEC);
            g.readyFd = Sys.open(g.ready, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (SysCallException e) {
            g.close();
            throw e;
        }
        return g;
    }

    Path gatePath() {
        return gate;
    }

    Path readyPath() {
        return ready;
    }

    /** Lets the chain pass one gate. */
    void open() throws SysCallException {
        Sys.write(gateFd, "go\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Waits for "corral-ready" from the setup script.
     *
     * @param chain the chain's first process: if it exits first, the setup failed
     * @throws LaunchException with what the setup script wrote, if it did not get ready
     */
    void awaitReady(Process chain, Duration timeout) throws SysCallException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (true) {
            int idx = received.indexOf(READY + "\n");
            if (idx >= 0) {
                received.delete(idx, idx + READY.length() + 1);
                return;
            }
            int ev = Sys.pollIn(readyFd, 50);
            boolean hup = (ev & LibC.POLLHUP) != 0;
            if ((ev & LibC.POLLIN) != 0 || hup) {
                int n = Sys.read(readyFd, buf);
                if (n > 0) {
                    received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    continue;
                }
                if (n == 0 && hup) throw failed(chain);
            }
            if (!chain.isAlive() && ev == 0) {
                // exited before it ever opened the ready FIFO (or after, with nothing more to say)
                drain(buf);
                if (received.indexOf(READY + "\n") >= 0) continue;
                throw failed(chain);
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException("the sandbox was not ready after " + timeout.toSeconds() + " s" + said());
            }
        }
    }

    /**
     * After the last gate: waits until the chain has passed it, seen as its end of the ready FIFO
     * closing (POLLHUP: it closes fds 3 and 4 before it execs the program), or its exit. Until
     * then the FIFOs must stay: a chain slower to open them than Corral was to say "go" would
     * find them gone (exit 125, the program never runs) or, with the gate closed, wait in open(2)
     * for a writer that never comes.
     */
    void awaitPassed(Process chain, Duration timeout) throws SysCallException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (chain.isAlive()) {
            int ev = Sys.pollIn(readyFd, 50);
            if ((ev & LibC.POLLIN) != 0 && Sys.read(readyFd, buf) > 0) continue; // nothing is said here; keep the pipe empty
            if ((ev & LibC.POLLHUP) != 0) return;
            if (System.nanoTime() > deadline) {
                throw new LaunchException("the program did not start within " + timeout.toSeconds() + " s of being let through");
            }
        }
    }

    private void drain(byte[] buf) {
        try {
            int n;
            while ((n = Sys.read(readyFd, buf)) > 0) received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (SysCallException ignored) {
            // nothing more to read
        }
    }

    private LaunchException failed(Process chain) {
        try {
            chain.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = chain.isAlive() ? "" : " (exit status " + chain.exitValue() + ")";
        return new LaunchException("the sandbox could not be set up" + status + said());
    }

    /** What the setup script wrote, without its "corral-error " prefixes. */
    private String said() {
        String text = received.toString().replace("corral-error ", "").strip();
        return text.isEmpty() ? "" : ": " + text.replace('\n', ';').replace(";", "; ").replaceAll(" +", " ");
    }

    @Override
    public void close() {
        Sys.closeQuietly(gateFd);
        Sys.closeQuietly(readyFd);
        gateFd = -1;
        readyFd = -1;
    }
}
