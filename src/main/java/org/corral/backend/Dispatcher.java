package org.corral.backend;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.InvalidValueException;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.LaunchResult;
import org.corral.protocol.Op;
import org.corral.protocol.ProtocolException;
import org.corral.sys.SysCallException;
import org.corral.systemd.PolicyRefusal;
import org.corral.systemd.SystemdException;

/**
 * Runs a decoded request through its op's handler, journals what an op that changes the host
 * did (before answering), and answers. Requests refused before reaching the kernel (or systemd)
 * are answered but not journalled; changes made, and changes the kernel or systemd refused, are.
 */
final class Dispatcher {
    private final Session session;
    private final ResponseWriter out;
    private final Map<Op, Handler> handlers = new EnumMap<>(Op.class);

    Dispatcher(Session session, ResponseWriter out) {
        this.session = session;
        this.out = out;
        for (Op op : Op.values()) handlers.put(op, handlerFor(op));
    }

    /** The one place an op meets its handler; the switch must cover every op to compile. */
    private static Handler handlerFor(Op op) {
        return switch (op) {
            case HELLO -> new HelloHandler();
            case PING -> new PingHandler();
            case CREATE -> new CreateHandler();
            case REMOVE -> new RemoveHandler();
            case MOVE -> new MoveHandler();
            case SET -> new SetHandler();
            case ENABLE -> new EnableHandler();
            case FREEZE -> new FreezeHandler(true);
            case THAW -> new FreezeHandler(false);
            case KILL -> new KillHandler();
            case JOURNAL -> new JournalHandler();
            case UNDO -> new UndoHandler();
            case LAUNCH -> new LaunchHandler();
        };
    }

    void dispatch(RequestDecoder.Decoded d) {
        Call call = new Call(session);
        Object result;
        try {
            result = handlers.get(d.op()).handle(d.args(), call);
        } catch (ProtocolException e) {
            out.error(d.id(), e.code(), e.getMessage());
            return;
        } catch (PolicyRefusal e) {
            // the systemd write policy said no before anything was touched
            out.error(d.id(), ErrorCode.REFUSED, e.getMessage());
            return;
        } catch (CgroupException | SystemdException e) {
            boolean reached = !call.changes().isEmpty() || e.getCause() instanceof SysCallException || e instanceof SystemdException;
            if (d.op().changes() && reached) {
                try {
                    journal(d.op(), call, JournalEntry.ERROR, e.getMessage());
                } catch (IOException j) {
                    out.error(d.id(), ErrorCode.FAILED, e.getMessage() + "; and the journal could not record it: " + j.getMessage());
                    return;
                }
            }
            out.error(d.id(), e instanceof InvalidValueException ? ErrorCode.INVALID : ErrorCode.FAILED, e.getMessage());
            return;
        } catch (RuntimeException e) {
            System.err.println("corral-backend: internal error in " + d.op() + ":");
            e.printStackTrace(System.err);
            out.error(d.id(), ErrorCode.INTERNAL, "the backend failed on '" + d.op() + "' (" + e.getClass().getSimpleName()
                    + "); this is a bug; the request may be half done: see the journal");
            return;
        }
        if (d.op().changes()) {
            try {
                long seq = journal(d.op(), call, JournalEntry.OK, null);
                result = result instanceof LaunchResult l ? l.withJournalSeq(seq) : ((ChangeResult) result).withJournalSeq(seq);
            } catch (IOException e) {
                out.error(d.id(), ErrorCode.FAILED, "the change was made (" + call.changes().size() + " file(s) of " + call.target()
                        + ") but the journal could not record it: " + e.getMessage());
                return;
            }
        }
        out.ok(d.id(), result);
    }

    private long journal(Op op, Call call, String result, String error) throws IOException {
        return session.journal().append(op.wire(), call.target(), call.changes(), result, error, call.undoes(), null, call.systemd());
    }
}
