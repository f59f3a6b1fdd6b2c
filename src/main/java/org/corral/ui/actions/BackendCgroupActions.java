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

    /** The backend's answer as the app reports it: its files, and its sentence where it said one. */
    private Done done(ChangeResult r, CgroupRef ref) {
        return new Done(files(r, ref), r.processes() == null ? 0 : r.processes(), said(r), viaSystemd(r));
    }

    @Override public Done create(CgroupRef ref) {
        return done(change(Op.CREATE, new CgroupArgs(ref.notation())), ref);
    }

    @Override public Done remove(CgroupRef ref) {
        return done(change(Op.REMOVE, new CgroupArgs(ref.notation())), ref);
    }

    @Override public Done move(CgroupRef ref, int pid) {
        return done(change(Op.MOVE, new MoveArgs(ref.notation(), List.of(pid), false)), ref);
    }

    @Override public Done set(CgroupRef ref, LimitKey key, String value) {
        return done(change(Op.SET, new SetArgs(ref.notation(), Map.of(key.file(), value))), ref);
    }

    @Override public Done enable(CgroupRef ref, List<String> changes) {
        return done(change(Op.ENABLE, new EnableArgs(ref.notation(), changes)), ref);
    }

    @Override public Done freeze(CgroupRef ref) {
        return done(change(Op.FREEZE, new CgroupArgs(ref.notation())), ref);
    }

    @Override public Done thaw(CgroupRef ref) {
        return done(change(Op.THAW, new CgroupArgs(ref.notation())), ref);
    }

    @Override public Done kill(CgroupRef ref) {
        return done(change(Op.KILL, new CgroupArgs(ref.notation())), ref);
    }

    /**
     * The backend's own sentence about the change: where systemd runs it says what it asked
     * systemd to do, or why it wrote a delegated cgroup itself; elsewhere nothing (its files are
     * the whole story).
     */
    private static String said(ChangeResult r) {
        return r.message();
    }

    /** Whether the backend asked systemd instead of writing files (then it wrote none). */
    private static boolean viaSystemd(ChangeResult r) {
        return r.systemd() != null;
    }

    @Override public synchronized void close() {
        if (backend != null) backend.close();
        backend = null;
    }
}
