package org.corral.proc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parser of {@code /proc/PID/ns} (proc(5), namespaces(7)): a directory with one symbolic link
 * per namespace kind, whose target readlink(2) gives as {@code TYPE:[INODE]}:
 *
 * <pre>
 *   $ ls -l /proc/self/ns
 *   cgroup -&gt; cgroup:[4026531835]
 *   ipc -&gt; ipc:[4026531839]
 *   mnt -&gt; mnt:[4026531832]
 *   net -&gt; net:[4026531833]
 *   pid -&gt; pid:[4026531836]
 *   pid_for_children -&gt; pid:[4026531836]
 *   time -&gt; time:[4026531834]
 *   time_for_children -&gt; time:[4026531834]
 *   user -&gt; user:[4026531837]
 *   uts -&gt; uts:[4026531838]
 * </pre>
 *
 * Reading a link needs ptrace-read access to the process (EACCES otherwise); a zombie's links
 * of already-released namespaces give ENOENT. {@link ProcessScanner} does the reading; this
 * class parses targets and the captured-listing form.
 *
 * <p><b>Captured form.</b> Symlinks to targets that do not exist do not survive a copy, so a
 * fixture tree stores {@code proc/PID/ns} as a regular text file with one readable link per
 * line, exactly the {@code NAME -> TARGET} part above (see
 * {@code src/test/resources/fixtures/host-hybrid/capture.sh}). Where {@code ns} is a regular
 * file, the scanner reads it with {@link #parseListing}.
 */
public final class ProcNs {
    private ProcNs() {}

    /**
     * The captured form: lines {@code NAME -> TYPE:[INODE]}; blank lines are skipped.
     *
     * @throws IllegalArgumentException for a malformed line
     */
    public static Map<String, NamespaceId> parseListing(String text) {
        Map<String, NamespaceId> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            int arrow = line.indexOf(" -> ");
            if (arrow <= 0) throw new IllegalArgumentException("not a 'NAME -> TARGET' ns line: '" + line + "'");
            out.put(line.substring(0, arrow).strip(), NamespaceId.parse(line.substring(arrow + 4).strip()));
        }
        return out;
    }
}
