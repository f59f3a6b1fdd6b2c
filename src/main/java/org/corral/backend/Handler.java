package org.corral.backend;

import org.corral.protocol.Fields;

/**
 * Carries out one op. It reads its own arguments from {@code args} (strictly typed), checks
 * every cgroup through {@link Call#cgroup} and every process through {@link ProcessGuard},
 * records each file it writes with {@link Call#changed}, and returns the result object
 * (a {@link org.corral.protocol.ChangeResult} for ops that change the host). It throws a
 * {@link org.corral.protocol.ProtocolException} or a {@link org.corral.cgroup.CgroupException}
 * with a message for a person when it cannot.
 */
interface Handler {
    Object handle(Fields args, Call call);
}
