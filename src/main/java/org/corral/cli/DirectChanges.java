package org.corral.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.InvalidValueException;
import org.corral.cgroup.LimitKey;

/** Changes made in this process, for a caller who is root. */
final class DirectChanges implements CgroupChanges {
    private final Hierarchies hierarchies;
    private final CgroupWriter writer = new CgroupWriter();

    DirectChanges(Hierarchies hierarchies) {
        this.hierarchies = hierarchies;
    }

    @Override
    public String create(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        writer.create(ref);
        return "created " + ref;
    }

    @Override
    public String remove(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        writer.remove(ref);
        return "removed " + ref;
    }

    @Override
    public String move(List<Integer> pids, String cgroup, boolean threads) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        for (int pid : pids) {
            if (threads) writer.moveThread(ref, pid);
            else writer.move(ref, pid);
        }
        return "moved " + (threads ? "thread" : "process") + (pids.size() == 1 ? " " : "es ")
                + String.join(" ", pids.stream().map(String::valueOf).toList()) + " to " + ref;
    }

    @Override
    public String set(String cgroup, List<String> keyValues) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        // Check every pair before writing any, so a typo in the third changes nothing.
        Map<String, String> pairs = parsePairs(keyValues);
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            List<FileChange> changes = writer.set(ref, e.getKey(), e.getValue());
            for (FileChange c : changes) {
                done.add(c.file() + " = " + c.after() + (c.before() != null ? " (was " + c.before() + ")" : ""));
            }
        }
        return "set " + ref + ": " + String.join(", ", done);
    }

    static Map<String, String> parsePairs(List<String> keyValues) {
        if (keyValues.isEmpty()) throw new InvalidValueException("give at least one KEY=VALUE, e.g. memory.max=2G");
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new InvalidValueException("'" + kv + "' is not KEY=VALUE, e.g. memory.max=2G");
            LimitKey k = LimitKey.parse(kv.substring(0, eq));
            pairs.put(k.file(), k.normalize(kv.substring(eq + 1)));
        }
        return pairs;
    }

    @Override
    public String enable(String cgroup, List<String> changes) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        FileChange c = writer.enable(ref, changes);
        return ref + " subtree_control: " + (c.after() == null || c.after().isEmpty() ? "(none)" : c.after());
    }

    @Override
    public String freeze(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        writer.freeze(ref);
        return "froze " + ref;
    }

    @Override
    public String thaw(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        writer.thaw(ref);
        return "thawed " + ref;
    }

    @Override
    public String kill(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        int n = writer.kill(ref);
        return "killed " + n + " process" + (n == 1 ? "" : "es") + " in " + ref;
    }
}
