package org.corral.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.proc.NsType;

/**
 * A {@link LaunchSpec} after {@link LaunchValidator} checked every field: typed, resolved, and
 * consistent. Only a plan is ever launched.
 *
 * @param command       argv as given
 * @param executable    where argv[0] was found (on the host, or inside the jail root)
 * @param newNamespaces the namespaces to create
 * @param hostname      hostname inside (null: unchanged)
 * @param domainname    NIS domain name inside (null: unchanged)
 * @param user          the payload's user
 * @param uidInside     with a new user namespace: the uid the user appears as inside
 * @param gidInside     likewise the gid
 * @param jail          the jail to build (null: none)
 * @param net           the network
 * @param cgroups       where the payload goes
 * @param persistDir    where to keep the new namespaces (null: nowhere)
 * @param join          namespaces to enter instead (null: none)
 * @param env           the payload's environment (null: the launcher's)
 * @param workDir       its working directory (null: the launcher's)
 */
public record LaunchPlan(List<String> command, Path executable, Set<NsType> newNamespaces, String hostname, String domainname,
                         PayloadUser user, Integer uidInside, Integer gidInside, JailPlan jail, NetPlan net,
                         CgroupPlan cgroups, Path persistDir, JoinPlan join, Map<String, String> env, Path workDir) {

    public LaunchPlan {
        command = List.copyOf(command);
        newNamespaces = Set.copyOf(newNamespaces);
    }

    public boolean creates(NsType t) {
        return newNamespaces.contains(t);
    }
}
