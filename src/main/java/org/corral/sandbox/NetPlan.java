package org.corral.sandbox;

import java.nio.file.Path;

/**
 * The payload's network: the host's, a new namespace with only loopback (up), or a named
 * namespace from /run/netns (what {@code ip netns add} and {@code corral netns add} make).
 *
 * @param mode  which of the three
 * @param name  the named namespace (mode NAMED)
 * @param file  its bind-mounted nsfs file, /run/netns/NAME (mode NAMED)
 */
public record NetPlan(Mode mode, String name, Path file) {
    public enum Mode { HOST, NONE, NAMED }

    public static final NetPlan HOST = new NetPlan(Mode.HOST, null, null);
    public static final NetPlan NONE = new NetPlan(Mode.NONE, null, null);

    public static NetPlan named(String name, Path file) {
        return new NetPlan(Mode.NAMED, name, file);
    }
}
