package org.corral.backend;

import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.SystemdCall;
import org.corral.systemd.Decision;
import org.corral.systemd.PolicyGate;
import org.corral.systemd.SystemdChange;

/**
 * One request being handled: the session's tools, and the record of what the handler changed
 * so far, which is journalled whether the request ends well or not.
 */
final class Call {
    private final Session session;
    private final List<Change> changes = new ArrayList<>();
    private CgroupRef target;
    private Long undoes;
    private SystemdCall systemd;
    private String message;

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

    /** The policy for this request's ops, acting for the caller. */
    PolicyGate gate() {
        return session.gate();
    }

    /** Records a change made by systemd on the handler's request (journalled, and answered in words). */
    void viaSystemd(SystemdChange c) {
        systemd = new SystemdCall(c.manager(), c.method(), c.unit(), c.properties().stream()
                .map(p -> new SystemdCall.Property(p.name(), p.signature(), p.before(), p.after())).toList(), c.pids());
        message = c.message();
    }

    /** After a raw write inside systemd's tree: the policy's reason, for the answer. Nothing elsewhere. */
    void wroteRaw(Decision d) {
        PolicyGate.rawNote(d).ifPresent(n -> message = n);
    }

    SystemdCall systemd() {
        return systemd;
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
        return new ChangeResult(target(), changes(), processes, null, systemd, message);
    }
}
