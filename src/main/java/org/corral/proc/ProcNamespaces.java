package org.corral.proc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process's namespaces: the readable links of {@code /proc/PID/ns}, by link name
 * ({@code mnt}, {@code pid}, {@code pid_for_children}, ... — whatever this kernel has), in
 * {@link NsType} order with each {@code *_for_children} after its kind.
 *
 * <p>A link that could not be read is absent: all of them for a process you may not ptrace
 * (another user's, or PID 1 on some hosts even for root), some of them for a zombie (its mnt,
 * net, uts... are already released), none for a process Corral did not read namespaces of.
 * {@link #isEmpty()} then says nothing is known; it never means "no namespaces".
 */
public final class ProcNamespaces {
    private static final ProcNamespaces EMPTY = new ProcNamespaces(Map.of());
    private static final Comparator<String> LINK_ORDER = Comparator.comparingInt(ProcNamespaces::rank)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, NamespaceId> links;

    private ProcNamespaces(Map<String, NamespaceId> links) {
        this.links = links;
    }

    public static ProcNamespaces empty() {
        return EMPTY;
    }

    /** From link name → namespace (any order; sorted here). */
    public static ProcNamespaces of(Map<String, NamespaceId> links) {
        if (links.isEmpty()) return EMPTY;
        List<String> names = new ArrayList<>(links.keySet());
        names.sort(LINK_ORDER);
        Map<String, NamespaceId> sorted = new LinkedHashMap<>();
        for (String n : names) sorted.put(n, links.get(n));
        return new ProcNamespaces(Collections.unmodifiableMap(sorted));
    }

    /** Link name → namespace, in listing order. */
    public Map<String, NamespaceId> links() {
        return links;
    }

    /** The namespace of this kind the process is in ({@code /proc/PID/ns/KIND}), if readable. */
    public Optional<NamespaceId> get(NsType type) {
        return Optional.ofNullable(links.get(type.kernelName()));
    }

    /** {@code pid_for_children} / {@code time_for_children}, if this kind has one and it was readable. */
    public Optional<NamespaceId> forChildren(NsType type) {
        return type.forChildrenLinkName().map(links::get);
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    @Override public boolean equals(Object o) {
        return o instanceof ProcNamespaces p && p.links.equals(links);
    }

    @Override public int hashCode() {
        return links.hashCode();
    }

    @Override public String toString() {
        return links.toString();
    }

    private static int rank(String linkName) {
        boolean child = linkName.endsWith("_for_children");
        String kind = child ? linkName.substring(0, linkName.length() - "_for_children".length()) : linkName;
        return NsType.fromKernelName(kind).map(t -> t.ordinal() * 2 + (child ? 1 : 0)).orElse(Integer.MAX_VALUE);
    }
}
