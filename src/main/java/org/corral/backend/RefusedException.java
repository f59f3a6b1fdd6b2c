package org.corral.backend;

import org.corral.protocol.ErrorCode;
import org.corral.protocol.ProtocolException;

/** A request that is well-formed but not allowed (PID 1, a kernel thread, a path outside cgroupfs...). */
final class RefusedException extends ProtocolException {
    RefusedException(String message) {
        super(ErrorCode.REFUSED, message);
    }
}
