package org.corral.protocol;

/**
 * Pushed by the backend (a line without an id) when the OOM killer killed a process in a
 * cgroup this backend created or limited.
 *
 * @param event  always "oom_kill"
 * @param count  the cgroup's oom_kill counter now
 */
public record OomEvent(String event, String cgroup, long count) {
    public static final String NAME = "oom_kill";

    public OomEvent(String cgroup, long count) {
        this(NAME, cgroup, count);
    }
}
