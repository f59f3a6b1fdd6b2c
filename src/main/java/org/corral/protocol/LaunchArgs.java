package org.corral.protocol;

import java.util.List;
import java.util.Map;

/**
 * {@link Op#LAUNCH}: what {@code corral run} takes, by the names of org.corral.sandbox's
 * LaunchSpec (the README's "corral run" section says what each does). Only {@code command} is
 * required. The caller is who the backend acts for (PKEXEC_UID): {@code user} may name only
 * the caller itself, unless the caller is root; {@code env} may hold only the desktop
 * variables the launcher allows (DISPLAY, WAYLAND_DISPLAY, XDG_RUNTIME_DIR,
 * DBUS_SESSION_BUS_ADDRESS, LANG, LC_*...). The payload's stdin, stdout and stderr are
 * /dev/null: the backend's own are the protocol.
 */
public record LaunchArgs(List<String> command, List<String> namespaces, String hostname, String domainname, Long uidInside, Long gidInside,
                         boolean mapRoot, String root, String jail, List<String> binds, List<String> roBinds, String net,
                         String memoryMax, String memoryHigh, String cpus, String cpuMax, String pidsMax,
                         List<String> cgroups, String parent, String persist, String join, String user,
                         Map<String, String> env, String workDir, String name) {
    public static final String EXAMPLE = "\"firefox\"";

    public static LaunchArgs from(Fields f) {
        return new LaunchArgs(
                f.texts("command", EXAMPLE, 256),
                f.optionalTexts("namespaces", "\"pid\", \"uts\"", 8),
                f.optionalText("hostname", "\"demo\"").orElse(null),
                f.optionalText("domainname", "\"example.org\"").orElse(null),
                f.optionalNumber("uidInside", 0, 0xFFFF_FFFEL).orElse(null),
                f.optionalNumber("gidInside", 0, 0xFFFF_FFFEL).orElse(null),
                f.flag("mapRoot", false),
                f.optionalText("root", "\"/srv/jail\"").orElse(null),
                f.optionalText("jail", "\"minimal\"").orElse(null),
                f.optionalTexts("binds", "\"/home/me/data:/data\"", 64),
                f.optionalTexts("roBinds", "\"/home/me/data:/data\"", 64),
                f.optionalText("net", "\"none\"").orElse(null),
                f.optionalText("memoryMax", "\"2G\"").orElse(null),
                f.optionalText("memoryHigh", "\"1G\"").orElse(null),
                f.optionalText("cpus", "\"0-1\"").orElse(null),
                f.optionalText("cpuMax", "\"50%\"").orElse(null),
                f.optionalText("pidsMax", "\"100\"").orElse(null),
                f.optionalTexts("cgroups", CgroupArgs.EXAMPLE, 16),
                f.optionalText("parent", "\"/corral.launch\"").orElse(null),
                f.optionalText("persist", "\"/home/me/ns\"").orElse(null),
                f.optionalText("join", "\"4242\"").orElse(null),
                f.optionalText("user", "\"alice\"").orElse(null),
                f.optionalTextMap("env", "{\"DISPLAY\": \":0\"}", 64),
                f.optionalText("workDir", "\"/home/me\"").orElse(null),
                f.optionalText("name", "\"browser\"").orElse(null));
    }
}
