package org.corral.systemd;

import org.corral.cgroup.CgroupException;

/**
 * An operation Corral will not do on a systemd host, refused before anything was touched. The
 * message is the whole sentence for the person: what was not done, and the policy's reason
 * ("Corral did not create /system.slice/x: /system.slice is system.slice, owned by systemd; ...").
 */
public final class PolicyRefusal extends CgroupException {
    public PolicyRefusal(String message) {
        super(message);
    }
}
