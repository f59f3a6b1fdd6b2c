package org.corral.backend;

import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;

/**
 * One request being handled: the session's tools, and the record of what the handler changed
 * so far, which is journalled whether the request ends well or not.
 */
final class Call {
    private final Session session;
    private final List<Change> changes = new ArrayList<>();
    private CgroupRef target;
    private Long undoes;

    Call(Session session) {
        this.session = session;
    }

    Session session() {
        return session;
    }

    /** Resolves and checks a cgroup a request names; the first one is the request's target. */
    CgroupRef cgroup(String notation) {
        CgroupRef ref = session.cgroups().resolve(notation);
        if (target == null) target = ref;
        return ref;
    }

    void changed(FileChange c) {
        changes.add(new Change(c.cgroup().notation(), c.file(), c.before(), c.after()));
    }

    void changed(List<FileChange> cs) {
        cs.forEach(this::changed);
    }

    void undoes(long seq) {
        undoes = seq;
    }

    Long undoes() {
        return undoes;
    }

    String target() {
        return target == null ? null : target.notation();
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    ChangeResult result(Integer processes) {
        return new ChangeResult(target(), changes(), processes, null);
    }
}
