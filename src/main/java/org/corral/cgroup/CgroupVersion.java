package org.corral.cgroup;

/** cgroup v1 (one hierarchy per controller set) or v2 (one unified hierarchy). */
public enum CgroupVersion { V1, V2 }
