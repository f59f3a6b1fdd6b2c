package org.corral.cgroup;

/**
 * One kernel file Corral wrote: its cgroup, its name, what it held before (null if unknown or
 * it did not exist) and what it holds after. The backend journals these so undo can restore
 * the "before".
 */
public record FileChange(CgroupRef cgroup, String file, String before, String after) {}
