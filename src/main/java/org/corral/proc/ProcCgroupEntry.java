package org.corral.proc;

import java.util.List;

/**
 * One line of {@code /proc/PID/cgroup}: the process's cgroup in one hierarchy
 * (parsed by {@link ProcCgroupFile}).
 *
 * <pre>
 *   hierarchy-ID:controller-list:cgroup-path
 *   4:memory:/process_api/4332f929b5a8981e183d404c8bab4227    v1 hierarchy 4, memory controller
 *   9:name=systemd:/                                          v1 named hierarchy, no controller
 *   0::/corral-fixture:a                                      the v2 hierarchy; ':' in the path
 * </pre>
 *
 * @param hierarchyId 0 for the cgroup v2 (unified) hierarchy, else the v1 hierarchy ID (as in
 *                    /proc/cgroups)
 * @param controllers the v1 controllers bound to the hierarchy, as listed (a named hierarchy is
 *                    listed as {@code name=NAME}); empty for v2
 * @param path        the cgroup, relative to the hierarchy's root (or to the cgroup namespace's
 *                    root, where it may start with {@code /..}); always starts with '/'
 */
public record ProcCgroupEntry(int hierarchyId, List<String> controllers, String path) {

    public ProcCgroupEntry {
        controllers = List.copyOf(controllers);
        if (path == null) throw new IllegalArgumentException("path is null");
    }

    /** The cgroup v2 entry ({@code 0::/path}). */
    public boolean isV2() {
        return hierarchyId == 0 && controllers.isEmpty();
    }

    /** Whether this is the v1 hierarchy with {@code controller} ({@code "memory"}, {@code "name=systemd"}). */
    public boolean hasController(String controller) {
        return controllers.contains(controller);
    }

    /**
     * The entry in Corral's CLI notation (see {@link ProcCgroupMatcher}): {@code /a/b} for v2,
     * {@code CONTROLLER:/a/b} with the first listed controller for v1.
     */
    public String notation() {
        return isV2() || controllers.isEmpty() ? path : controllers.get(0) + ":" + path;
    }

    /** Whether {@code notation} (e.g. {@code /a/b}, {@code memory:/a/b}) names this entry. */
    public boolean matches(String notation) {
        return ProcCgroupMatcher.parse(notation).matches(this);
    }

    /** The line as the kernel writes it. */
    @Override public String toString() {
        return hierarchyId + ":" + String.join(",", controllers) + ":" + path;
    }
}
