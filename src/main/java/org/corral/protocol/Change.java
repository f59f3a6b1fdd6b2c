package org.corral.protocol;

/**
 * One kernel file the backend wrote: the cgroup (CLI notation), the file, what it held before
 * (null if it could not be read) and after. The journal keeps these so undo can restore "before".
 */
public record Change(String cgroup, String file, String before, String after) {}
