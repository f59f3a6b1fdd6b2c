package org.corral.backend;

import java.time.Instant;
import org.corral.protocol.Fields;
import org.corral.protocol.PingResult;

/** {@link org.corral.protocol.Op#PING}. */
final class PingHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        return new PingResult(Instant.now().toString(), call.session().pid());
    }
}
