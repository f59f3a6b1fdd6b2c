package org.corral.ui.ns;

/**
 * One line of the side-by-side comparison of two processes: a namespace kind (or a thing they
 * see: hostname, PID, uid_map, mounts, interfaces), what each has, and whether that is the same.
 *
 * @param explain what this kind isolates, shown beside it
 */
public record ComparisonRow(String what, String left, String right, boolean same, String explain) {}
