package org.corral.ui.ns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.HostRoot;
import org.corral.proc.NsType;
import org.corral.proc.ProcessInfo;

/**
 * What one process sees of the system, read from the host's /proc without entering anything:
 * its PID as each PID namespace numbers it (status NSpid), its uid_map and gid_map, how many
 * mounts its mount namespace has (/proc/PID/mountinfo), the network interfaces of its network
 * namespace (/proc/PID/net/dev is per namespace), and its hostname and NIS domain name. Both
 * live in the UTS namespace, which no file of the process shows (/proc/sys/kernel/{hostname,
 * domainname} show the reader's own): for another namespace they are asked with
 * {@code nsenter --uts} (root only), which runs the host's uname and cat in that namespace and
 * nothing from inside it.
 */
public record ProcessPeek(int pid, String command, String nsPid, String uidMap, String gidMap, boolean unmapped,
                          Integer mounts, List<String> interfaces, String hostname,
                          String domainname) {

    /** overflowuid: what an unmapped user ID shows as inside a user namespace. */
    public static String overflowUid(HostRoot root) {
        return read(root.resolve("/proc/sys/kernel/overflowuid"), "65534");
    }

    public static ProcessPeek of(HostRoot root, ProcessInfo p, boolean sameUtsAsUs, boolean root0) {
        Path dir = root.proc().resolve(Integer.toString(p.pid()));
        String nsPid = "?";
        for (String line : lines(dir.resolve("status"))) {
            if (line.startsWith("NSpid:")) {
                String[] f = line.substring(6).strip().split("\\s+");
                nsPid = f.length == 1 ? f[0] : String.join(" → ", f);
            }
        }
        String uidMap = mapText(dir.resolve("uid_map"));
        String gidMap = mapText(dir.resolve("gid_map"));
        boolean unmapped = uidMap.equals("(empty)");
        List<String> mi = lines(dir.resolve("mountinfo"));
        Integer mounts = mi.isEmpty() ? null : mi.size();
        List<String> ifs = new ArrayList<>();
        List<String> dev = lines(dir.resolve("net/dev"));
        for (int i = 2; i < dev.size(); i++) {
            int colon = dev.get(i).indexOf(':');
            if (colon > 0) ifs.add(dev.get(i).substring(0, colon).strip());
        }
        String host = utsName(root, p.pid(), sameUtsAsUs, root0, "hostname", "uname", "-n");
        String domain = utsName(root, p.pid(), sameUtsAsUs, root0, "domainname", "cat", "/proc/sys/kernel/domainname");
        return new ProcessPeek(p.pid(), p.command(), nsPid, uidMap, gidMap, unmapped, mounts, ifs, host, domain);
    }

    /** @param name "hostname" or "domainname": the file in /proc/sys/kernel; {@code inside} reads it in the namespace */
    private static String utsName(HostRoot root, int pid, boolean sameUtsAsUs, boolean root0, String name, String... inside) {
        if (sameUtsAsUs) return read(root.resolve("/proc/sys/kernel/" + name), "?");
        if (root0 && root.isSystem()) return nsenterUts(pid, inside);
        return "(another UTS namespace: reading its " + name + " needs root)";
    }

    private static String mapText(Path f) {
        List<String> l = lines(f);
        if (l.isEmpty()) return Files.exists(f) ? "(empty)" : "?";
        List<String> norm = new ArrayList<>();
        for (String s : l) norm.add(String.join(" ", s.strip().split("\\s+")));
        return String.join("; ", norm);
    }

    private static String nsenterUts(int pid, String... command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Integer.toString(pid), "--uts"));
        argv.addAll(List.of(command));
        try {
            Process pr = new ProcessBuilder(argv).redirectErrorStream(true).start();
            pr.getOutputStream().close();
            if (!pr.waitFor(3, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                return "?";
            }
            String out = new String(pr.getInputStream().readAllBytes()).strip();
            return pr.exitValue() == 0 ? out : "? (" + out + ")";
        } catch (IOException e) {
            return "? (nsenter from util-linux is needed)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String read(Path f, String dflt) {
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            return dflt;
        }
    }

    /** Whether the process is in the namespace of {@code type} we are in. */
    static boolean sameAs(ProcessInfo p, ProcessInfo self, NsType type) {
        return p.namespaces().get(type).isPresent() && p.namespaces().get(type).equals(self.namespaces().get(type));
    }
}
