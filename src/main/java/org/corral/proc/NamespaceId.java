package org.corral.proc;

/**
 * A namespace, identified by its kind and the inode number of its nsfs file. Two processes
 * are in the same namespace when these are equal (on one host, nsfs has a single device). It
 * is what readlink(2) on {@code /proc/PID/ns/net} returns: {@code net:[4026531840]}.
 *
 * @param type  the kind
 * @param inode the nsfs inode number, as {@code lsns} shows in its NS column
 */
public record NamespaceId(NsType type, long inode) {

    public NamespaceId {
        if (type == null) throw new IllegalArgumentException("type is null");
        if (inode <= 0) throw new IllegalArgumentException("bad namespace inode " + inode);
    }

    /**
     * Parses a link target, {@code TYPE:[INODE]}.
     *
     * @throws IllegalArgumentException if it is not one, or the type is not a known {@link NsType}
     */
    public static NamespaceId parse(String target) {
        int colon = target.indexOf(':');
        int n = target.length();
        if (colon <= 0 || colon + 3 > n || target.charAt(colon + 1) != '[' || target.charAt(n - 1) != ']') {
            throw new IllegalArgumentException("not a namespace link target (TYPE:[INODE]): '" + target + "'");
        }
        String name = target.substring(0, colon);
        NsType type = NsType.fromKernelName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown namespace type '" + name + "' in '" + target + "'"));
        long inode = 0;
        for (int i = colon + 2; i < n - 1; i++) {
            int d = target.charAt(i) - '0';
            if (d < 0 || d > 9 || inode > (Long.MAX_VALUE - 9) / 10) {
                throw new IllegalArgumentException("bad inode in namespace link target '" + target + "'");
            }
            inode = inode * 10 + d;
        }
        return new NamespaceId(type, inode);
    }

    /** As the kernel writes it: {@code net:[4026531840]}. */
    @Override public String toString() {
        return type.kernelName() + ":[" + inode + "]";
    }
}
