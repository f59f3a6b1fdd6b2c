package org.corral.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.corral.client.Backend;
import org.corral.client.ChildBackend;
import org.corral.protocol.Op;

/**
 * Row 5: the backend round trip. Starts the backend as root's CLI does (a plain child:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp ... BackendMain}, see
 * {@code BackendChanges.connect}), with a journal of its own in a temporary directory so the
 * host's journal is not touched, then times {@code ping} requests one after another through
 * {@link Backend#call}: the whole path a request takes (JSON out, the pipe, the backend's
 * decoder and dispatcher, JSON back, the reader thread completing the future).
 *
 * <p>Percentiles are of single requests (System.nanoTime around each), after a warm-up that
 * lets both JVMs compile the path. CPU time of both processes is reported per request.
 *
 * <p>Usage: {@code BackendRoundTrip OUT.json [REQUESTS [WARMUP]]}
 */
public final class BackendRoundTrip {
    private BackendRoundTrip() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path dir = Files.createTempDirectory("corral-bench-backend");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.corral.backend.BackendMain", "--journal", dir.resolve("journal.jsonl").toString());
        long[] nanos = new long[requests];
        long clientCpu;
        long backendCpu;
        long backendPid;
        try (Backend backend = ChildBackend.plain(command, "corral-bench")) {
            backend.hello();
            backendPid = ProcessHandle.current().children().mapToLong(ProcessHandle::pid).max()
                    .orElseThrow(() -> new IllegalStateException("the backend is not a child of this process"));
            for (int i = 0; i < warmup; i++) backend.call(Op.PING, null);
            long cpu0 = processCpuNanos();
            long bcpu0 = ProcStat.cpuNanos(backendPid);
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                backend.call(Op.PING, null);
                nanos[i] = System.nanoTime() - t0;
            }
            clientCpu = processCpuNanos() - cpu0;
            backendCpu = ProcStat.cpuNanos(backendPid) - bcpu0;
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        ObjectMapper json = new ObjectMapper();
        ObjectNode r = json.createObjectNode();
        r.put("requests", requests);
        r.put("warmup", warmup);
        r.put("p50Ms", percentile(sorted, 50) / 1e6);
        r.put("p90Ms", percentile(sorted, 90) / 1e6);
        r.put("p99Ms", percentile(sorted, 99) / 1e6);
        r.put("p999Ms", percentile(sorted, 99.9) / 1e6);
        r.put("maxMs", sorted[sorted.length - 1] / 1e6);
        r.put("meanMs", Arrays.stream(nanos).average().orElse(0) / 1e6);
        r.put("clientCpuMsPerRequest", clientCpu / 1e6 / requests);
        r.put("backendCpuMsPerRequest", backendCpu / 1e6 / requests);
        r.put("command", String.join(" ", command.subList(0, 3)) + " ... BackendMain");
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), r);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
