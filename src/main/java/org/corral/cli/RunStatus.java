package org.corral.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.proc.NsType;
import org.corral.protocol.CorralJson;
import org.corral.sandbox.Launch;
import org.corral.sandbox.LaunchExit;

/**
 * The JSON lines of {@code corral run --json-status} (one object per line, like bubblewrap's
 * --json-status-fd): "started" once the payload runs, "exited" when it is gone. Readers must
 * ignore fields they do not know; fields are only ever added.
 */
final class RunStatus {
    private RunStatus() {}

    static String line(Object o) {
        try {
            return CorralJson.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param pid        the payload's PID as seen outside its PID namespace
     * @param uid        its real uid; {@code user} its name
     * @param cgroups    its cgroups, in CLI notation ("/a/b" v2, "memory:/a/b" v1)
     * @param namespaces every namespace it is in: type → inode (as lsns and readlink show)
     * @param created    the namespace types created for it
     * @param persisted  the --persist directory
     * @param unit       the systemd scope it runs in, where systemd owns the cgroups (else left out)
     */
    @JsonPropertyOrder({"event", "pid", "uid", "user", "unit", "cgroups", "namespaces", "created", "persisted"})
    record Started(String event, int pid, int uid, String user, List<String> cgroups, Map<String, Long> namespaces,
                   List<String> created, String persisted, String unit) {
        static Started of(Launch l) {
            Map<String, Long> ns = new LinkedHashMap<>();
            for (NsType t : NsType.values()) {
                Long i = l.namespaces().get(t);
                if (i != null) ns.put(t.kernelName(), i);
            }
            List<String> created = l.created().stream().sorted().map(NsType::kernelName).toList();
            return new Started("started", l.pid(), l.user().uid(), l.user().name(),
                    l.cgroups().stream().map(CgroupRef::notation).toList(), ns, created,
                    l.persisted().map(Object::toString).orElse(null), l.unit().orElse(null));
        }
    }

    /**
     * The line a person reads when systemd holds the launch, as systemd-run says "Running as
     * unit: …": "corral: running as unit corral-firefox-4242.scope (cgroup /user.slice/…)".
     */
    static String unitLine(String unit, List<String> cgroups) {
        return "corral: running as unit " + unit + (cgroups.isEmpty() ? "" : " (cgroup " + String.join(" ", cgroups) + ")");
    }

    /**
     * @param exitCode    the payload's exit status (128+N: killed by signal N)
     * @param oomKills    OOM kills in its memory cgroup during the launch
     * @param cgroupsLeft created cgroups left in place because processes remain in them
     */
    @JsonPropertyOrder({"event", "pid", "exitCode", "oomKills", "cgroupsLeft"})
    record Exited(String event, int pid, int exitCode, long oomKills, List<String> cgroupsLeft) {
        static Exited of(Launch l, LaunchExit e) {
            return new Exited("exited", l.pid(), e.exitCode(), e.oomKills(), e.cgroupsLeft());
        }
    }
}
