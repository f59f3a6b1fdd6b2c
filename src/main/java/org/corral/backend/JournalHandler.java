package org.corral.backend;

import org.corral.protocol.Fields;
import org.corral.protocol.JournalArgs;
import org.corral.protocol.JournalResult;

/** {@link org.corral.protocol.Op#JOURNAL}: the most recent entries. */
final class JournalHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        return new JournalResult(call.session().journal().recent(JournalArgs.from(args).limit()));
    }
}
