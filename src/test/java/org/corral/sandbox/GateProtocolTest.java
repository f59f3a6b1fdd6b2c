package org.corral.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opener and setup scripts of {@link CommandChain} with {@link LaunchGate}, run for real
 * with /bin/sh and no privilege: nothing passes a gate before Corral opens it, a failed setup
 * step comes back as the error, and a Corral that goes away takes the payload with it.
 */
class GateProtocolTest {
    @TempDir
    Path dir;
    private LaunchGate gate;
    private Process chain;

    @BeforeEach
    void gate() throws Exception {
        gate = LaunchGate.create(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (chain != null) {
            chain.destroyForcibly();
            chain.waitFor(5, TimeUnit.SECONDS);
        }
        gate.close();
    }

    private Process start(List<String> steps, String... payload) throws IOException {
        return start(true, false, steps, payload);
    }

    /**
     * The setup script as {@link CommandChain#build} chains it: behind the opener, or opening
     * the FIFOs itself ("open"); with "relay" as in front of a PID namespace.
     */
    private Process start(boolean opener, boolean relay, List<String> steps, String... payload) throws IOException {
        List<String> argv = new ArrayList<>();
        if (opener) argv.addAll(List.of("/bin/sh", "-c", CommandChain.OPENER, "corral-launch", gate.gatePath().toString(),
                gate.readyPath().toString()));
        argv.addAll(List.of("/bin/sh", "-c", CommandChain.SETUP, "corral-setup"));
        if (!opener) argv.addAll(List.of("open", gate.gatePath().toString(), gate.readyPath().toString()));
        if (relay) argv.add("relay");
        argv.addAll(steps);
        argv.add("--");
        argv.addAll(List.of(payload));
        chain = new ProcessBuilder(argv).redirectErrorStream(true).start();
        return chain;
    }

    private static String out(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aPlainChainSlowerToOpenTheFifosThanCorralIsToSayGoStillRunsItsProgram() throws Exception {
        // UserScopeLaunch says "go" as soon as the scope holds the chain, then closes the gate and
        // removes the FIFOs: a chain that had not opened them yet found them gone (exit 125)
        Path marker = dir.resolve("ran");
        List<String> plain = CommandChain.plain(Tools.find(), gate.gatePath(), gate.readyPath(), List.of("touch", marker.toString()));
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "sleep 0.5; exec \"$@\"", "slow"));
        argv.addAll(plain);
        chain = new ProcessBuilder(argv).redirectErrorStream(true).start();
        gate.open();
        gate.awaitPassed(chain, Duration.ofSeconds(10));
        gate.close();
        Files.delete(gate.gatePath());
        Files.delete(gate.readyPath());
        assertTrue(chain.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, chain.exitValue(), out(chain));
        assertTrue(Files.exists(marker), "the program ran");
    }

    @Test
    void thePayloadRunsOnlyAfterBothGatesWithOnlyFdsZeroToTwo() throws Exception {
        Path marker = dir.resolve("ran");
        Process p = start(List.of(), "/bin/sh", "-c", "touch " + marker + "; ls /proc/self/fd | tr '\\n' ' '");
        Thread.sleep(300);
        assertTrue(p.isAlive());
        heldAtBothGatesThenRunsWithFdsZeroToTwo(p, marker);
    }

    /** Nothing ran before either gate; after both, the payload ran with fds 0-2 only. */
    private void heldAtBothGatesThenRunsWithFdsZeroToTwo(Process p, Path marker) throws Exception {
        assertFalse(Files.exists(marker), "nothing ran before gate 1");
        gate.open();
        gate.awaitReady(p, Duration.ofSeconds(10));
        Thread.sleep(200);
        assertFalse(Files.exists(marker), "nothing ran before gate 2");
        gate.open();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(Files.exists(marker));
        // ls lists its own directory fd as 3: the gate (3) and ready (4) fds are closed before the exec
        assertEquals("0 1 2 3 ", out(p));
    }

    @Test
    void theSetupScriptOpeningTheFifosItselfAlsoHoldsThePayloadAtBothGates() throws Exception {
        Path marker = dir.resolve("ran");
        Process p = start(false, true, List.of(), "/bin/sh", "-c", "touch " + marker + "; ls /proc/self/fd | tr '\\n' ' '");
        Thread.sleep(300);
        assertTrue(p.children().findAny().isEmpty(), "the relay forks only after gate 1: its child starts in the cgroup");
        heldAtBothGatesThenRunsWithFdsZeroToTwo(p, marker);
    }

    @Test
    void whenCorralGoesAwayTheSetupScriptOpeningTheFifosExitsWithoutThePayload() throws Exception {
        Path marker = dir.resolve("ran");
        Process p = start(false, false, List.of(), "/bin/sh", "-c", "touch " + marker);
        endsAtGate1WithoutThePayloadWhenCorralGoes(p, marker);
    }

    @Test
    void setupStepsRunBeforeReady() throws Exception {
        Path made = dir.resolve("a/b");
        Process p = start(List.of("mkdir", made.toString(), "0700", "touch", made.resolve("f").toString(),
                "symlink", "f", made.resolve("l").toString()), "/bin/true");
        gate.open();
        gate.awaitReady(p, Duration.ofSeconds(10));
        assertTrue(Files.isDirectory(made));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        assertEquals(Path.of("f"), Files.readSymbolicLink(made.resolve("l")));
        gate.open();
        assertEquals(0, p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1);
    }

    @Test
    void aFailedStepIsTheErrorAndThePayloadNeverRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Process p = start(List.of("mkdir", "/proc/corral-cannot-exist/x", "0755"), "/bin/sh", "-c", "touch " + marker);
        gate.open();
        LaunchException e = assertThrows(LaunchException.class, () -> gate.awaitReady(p, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().startsWith("the sandbox could not be set up (exit status 125): "), e.getMessage());
        assertTrue(e.getMessage().contains("cannot create the directory /proc/corral-cannot-exist/x"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void anUnknownStepIsRefused() throws Exception {
        Process p = start(List.of("format-disk", "/dev/sda"), "/bin/true");
        gate.open();
        LaunchException e = assertThrows(LaunchException.class, () -> gate.awaitReady(p, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("unknown setup step 'format-disk'"), e.getMessage());
    }

    @Test
    void whenCorralGoesAwayTheChainExitsWithoutThePayload() throws Exception {
        Path marker = dir.resolve("ran");
        Process p = start(List.of(), "/bin/sh", "-c", "touch " + marker);
        endsAtGate1WithoutThePayloadWhenCorralGoes(p, marker);
    }

    /** Once the chain holds the gate open (fd 3), Corral's end going away is end of file at gate 1: exit 125, no payload. */
    private void endsAtGate1WithoutThePayloadWhenCorralGoes(Process p, Path marker) throws Exception {
        Path fd3 = Path.of("/proc", Long.toString(p.pid()), "fd", "3");
        for (int i = 0; i < 500 && !(Files.isSymbolicLink(fd3) && Files.readSymbolicLink(fd3).equals(gate.gatePath())); i++) Thread.sleep(10);
        assertEquals(gate.gatePath(), Files.readSymbolicLink(fd3));
        gate.close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(125, p.exitValue());
        assertFalse(Files.exists(marker));
    }

    @Test
    void touchNeverTruncatesAnExistingFile() throws Exception {
        Path f = dir.resolve("keep");
        Files.writeString(f, "data");
        Process p = start(List.of("touch", f.toString()), "/bin/true");
        gate.open();
        gate.awaitReady(p, Duration.ofSeconds(10));
        assertEquals("data", Files.readString(f));
    }

    @Test
    void theRelayPassesOnASignalDeathAsAShellDoesAndKeepsStderrClean() throws Exception {
        Process p = start(false, true, List.of(), "/bin/sh", "-c", "echo to-stderr >&2; kill -9 $$");
        gate.open();
        gate.awaitReady(p, Duration.ofSeconds(10));
        gate.open();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        assertEquals("to-stderr\n", out(p), "the payload's stderr, and no 'Killed' from the relay");
    }

    @Test
    void withTheRelayTheStepsAndThePayloadRunInItsChildWithOnlyFdsZeroToTwo() throws Exception {
        Path made = dir.resolve("made");
        Process p = start(true, true, List.of("mkdir", made.toString(), "0755"), "/bin/sh", "-c",
                "echo $PPID; ls /proc/self/fd | tr '\\n' ' '; exit 7");
        gate.open();
        gate.awaitReady(p, Duration.ofSeconds(10));
        assertTrue(Files.isDirectory(made));
        gate.open();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(7, p.exitValue(), "the relay passes on the payload's status");
        // the payload's parent is the relay, Corral's child; ls lists its own directory fd as 3
        assertEquals(p.pid() + "\n0 1 2 3 ", out(p));
    }
}
