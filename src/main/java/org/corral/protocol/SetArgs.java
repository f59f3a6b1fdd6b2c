package org.corral.protocol;

import java.util.Map;

/**
 * {@link Op#SET}: limits by their cgroup-v2 file name, values as a person types them
 * ({"memory.max": "2G", "cpu.max": "50%"}). Every pair is checked before any is written.
 */
public record SetArgs(String cgroup, Map<String, String> limits) {
    public static SetArgs from(Fields f) {
        return new SetArgs(f.text("cgroup", CgroupArgs.EXAMPLE),
                f.textMap("limits", "{\"memory.max\": \"2G\"}", 32));
    }
}
