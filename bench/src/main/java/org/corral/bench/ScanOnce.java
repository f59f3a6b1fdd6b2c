package org.corral.bench;

/**
 * One {@link TreeScanBench#corralScan()}, for run.sh to trace with strace: the files it opens
 * are the floor's file list. Prints the number of hierarchies scanned.
 */
public final class ScanOnce {
    private ScanOnce() {}

    public static void main(String[] args) {
        System.out.println(TreeScanBench.scanAll(org.corral.cgroup.StatsFiles.TREE).size());
    }
}
