package org.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.corral.client.Backend;
import org.corral.client.ChildBackend;
import org.corral.protocol.Op;

/**
 * Row 8: a sandbox launch through the resident backend, {@code true} as payload, in new pid,
 * uts and mnt namespaces: what {@code unshare -fp --mount-proc -u true} and
 * {@code bwrap --unshare-pid --unshare-uts --ro-bind / / true} do, measured by hyperfine in the
 * same run. The backend is started once (as root's CLI starts it) and stays; each launch is
 * timed from sending the {@code launch} request to the backend's {@code exited} event for its
 * PID, so like the references it includes the payload's run and its end (and the removal of the
 * cgroup the launch made). CPU per launch: this client plus the backend with the processes it
 * started and reaped (utime + stime + cutime + cstime), as hyperfine counts the references'.
 *
 * <p>Usage: {@code SandboxLaunch OUT.json [LAUNCHES [WARMUP]]}
 */
public final class SandboxLaunch {
    private SandboxLaunch() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int launches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Op launch = Arrays.stream(Op.values()).filter(o -> o.wire().equals("launch")).findFirst()
                .orElseThrow(() -> new IllegalStateException("this build's backend has no 'launch' op (org.corral.sandbox is not in it)"));
        // as root, like unshare and bwrap run by root: the payload runs as root (the backend makes root name it)
        Map<String, Object> request = Map.of("command", List.of("true"), "namespaces", List.of("pid", "uts", "mnt"), "user", "root");
        Path dir = Files.createTempDirectory("corral-bench-launch");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.corral.backend.BackendMain", "--journal", dir.resolve("journal.jsonl").toString());
        Map<Integer, CompletableFuture<JsonNode>> exits = new ConcurrentHashMap<>();
        long[] nanos = new long[launches];
        long clientCpu;
        long backendCpu;
        try (Backend backend = ChildBackend.plain(command, "corral-bench")) {
            backend.onEvent(e -> {
                if ("exited".equals(e.path("event").asText())) exits.computeIfAbsent(e.path("pid").asInt(), k -> new CompletableFuture<>()).complete(e);
            });
            backend.hello();
            long backendPid = ProcessHandle.current().children().mapToLong(ProcessHandle::pid).max()
                    .orElseThrow(() -> new IllegalStateException("the backend is not a child of this process"));
            for (int i = 0; i < warmup; i++) once(backend, launch, request, exits);
            long cpu0 = processCpuNanos();
            long bcpu0 = ProcStat.cpuNanosWithChildren(backendPid);
            for (int i = 0; i < launches; i++) nanos[i] = once(backend, launch, request, exits);
            clientCpu = processCpuNanos() - cpu0;
            backendCpu = ProcStat.cpuNanosWithChildren(backendPid) - bcpu0;
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
        double mean = Arrays.stream(nanos).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(nanos).mapToDouble(n -> (n - mean) * (n - mean)).sum() / Math.max(1, launches - 1));
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        ObjectMapper json = new ObjectMapper();
        ObjectNode r = json.createObjectNode();
        r.put("launches", launches);
        r.put("warmup", warmup);
        r.put("meanMs", mean / 1e6);
        r.put("stddevMs", sd / 1e6);
        r.put("p50Ms", BackendRoundTrip.percentile(sorted, 50) / 1e6);
        r.put("maxMs", sorted[sorted.length - 1] / 1e6);
        r.put("cpuMsPerLaunch", (clientCpu + backendCpu) / 1e6 / launches);
        r.put("clientCpuMsPerLaunch", clientCpu / 1e6 / launches);
        r.put("backendCpuMsPerLaunch", backendCpu / 1e6 / launches);
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), r);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    }

    /** One launch, from the request to its exited event; nanoseconds. */
    private static long once(Backend backend, Op launch, Object request, Map<Integer, CompletableFuture<JsonNode>> exits) throws Exception {
        long t0 = System.nanoTime();
        JsonNode result = backend.call(launch, request);
        int pid = result.path("pid").asInt();
        JsonNode exit = exits.computeIfAbsent(pid, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
        long t = System.nanoTime() - t0;
        exits.remove(pid);
        if (exit.path("exitCode").asInt() != 0) throw new IllegalStateException("the payload failed: " + exit);
        return t;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
