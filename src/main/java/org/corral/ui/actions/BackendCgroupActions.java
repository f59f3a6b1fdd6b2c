package org.corral.ui.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.LimitKey;
import org.corral.client.Backend;
import org.corral.client.BackendException;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Change;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.EnableArgs;
import org.corral.protocol.MoveArgs;
import org.corral.protocol.Op;
import org.corral.protocol.SetArgs;

/**
 * Every change through the privileged backend (org.corral.client): started on the first write
 * (through pkexec for an ordinary user, so polkit decides; as a plain child for root), started
 * again on the next write if it died. If polkit refuses or the backend cannot be started at
 * all, the app turns read-only and {@link #access()} says why and how to fix it.
 */
public final class BackendCgroupActions implements CgroupActions, AutoCloseable {
    private final Supplier<Backend> connect;
    private final Hierarchies hierarchies;
    private final String howToFix;
    private Backend backend;
    private volatile WriteAccess access = WriteAccess.granted();

    /**
     * @param connect  makes the backend client (nothing starts until its first request)
     * @param howToFix the sentence the banner adds when the backend cannot be had
     */
    public BackendCgroupActions(Supplier<Backend> connect, Hierarchies hierarchies, String howToFix) {
        this.connect = connect;
        this.hierarchies = hierarchies;
        this.howToFix = howToFix;
    }

    @Override public WriteAccess access() {
        return access;
    }

    private synchronized Backend backend() {
        if (backend == null) backend = connect.get();
        return backend;
    }

    private ChangeResult change(Op op, Object args) {
        if (!access.writable()) throw new CgroupException("read-only: " + access.reason());
        try {
            return backend().call(op, args, ChangeResult.class);
        } catch (BackendException e) {
            switch (e.code()) {
                case NOT_AUTHORIZED, NOT_AVAILABLE -> {
                    access = WriteAccess.readOnly(e.getMessage() + "; " + howToFix);
                    throw new CgroupException("Nothing changed: " + e.getMessage(), e);
                }
                case DIED -> throw new CgroupException(e.getMessage() + " (it starts again on the next change)", e);
                default -> throw new CgroupException(e.getMessage(), e);
            }
        }
    }

    /** Any other request to the backend (the launch op), with the same start and refusal handling. */
    public <T> T call(Op op, Object args, Class<T> type) {
        if (!access.writable()) throw new BackendException(org.corral.protocol.ErrorCode.NOT_AVAILABLE, access.reason());
        try {
            return backend().call(op, args, type);
        } catch (BackendException e) {
            if (e.code() == org.corral.protocol.ErrorCode.NOT_AUTHORIZED || e.code() == org.corral.protocol.ErrorCode.NOT_AVAILABLE) {
                access = WriteAccess.readOnly(e.getMessage() + "; " + howToFix);
            }
            throw e;
        }
    }

    private List<FileChange> files(ChangeResult r, CgroupRef fallback) {
        List<FileChange> out = new ArrayList<>();
        for (Change c : r.changes()) {
            CgroupRef ref = fallback;
            try {
                if (c.cgroup() != null) ref = hierarchies.resolve(c.cgroup());
            } catch (RuntimeException keep) {
                // the backend's notation for a hierarchy this process names differently: keep ours
            }
            out.add(new FileChange(ref, c.file(), c.before(), c.after()));
        }
        return out;
    }

    @Override public void create(CgroupRef ref) {
        change(Op.CREATE, new CgroupArgs(ref.notation()));
    }

    @Override public void remove(CgroupRef ref) {
        change(Op.REMOVE, new CgroupArgs(ref.notation()));
    }

    @Override public FileChange move(CgroupRef ref, int pid) {
        List<FileChange> f = files(change(Op.MOVE, new MoveArgs(ref.notation(), List.of(pid), false)), ref);
        return f.isEmpty() ? new FileChange(ref, "cgroup.procs", null, Integer.toString(pid)) : f.get(0);
    }

    @Override public List<FileChange> set(CgroupRef ref, LimitKey key, String value) {
        return files(change(Op.SET, new SetArgs(ref.notation(), Map.of(key.file(), value))), ref);
    }

    @Override public FileChange enable(CgroupRef ref, List<String> changes) {
        List<FileChange> f = files(change(Op.ENABLE, new EnableArgs(ref.notation(), changes)), ref);
        return f.isEmpty() ? new FileChange(ref, "cgroup.subtree_control", null, null) : f.get(0);
    }

    @Override public FileChange freeze(CgroupRef ref) {
        List<FileChange> f = files(change(Op.FREEZE, new CgroupArgs(ref.notation())), ref);
        return f.isEmpty() ? new FileChange(ref, "freeze", null, null) : f.get(0);
    }

    @Override public FileChange thaw(CgroupRef ref) {
        List<FileChange> f = files(change(Op.THAW, new CgroupArgs(ref.notation())), ref);
        return f.isEmpty() ? new FileChange(ref, "freeze", null, null) : f.get(0);
    }

    @Override public int kill(CgroupRef ref) {
        Integer n = change(Op.KILL, new CgroupArgs(ref.notation())).processes();
        return n == null ? 0 : n;
    }

    @Override public synchronized void close() {
        if (backend != null) backend.close();
        backend = null;
    }
}
