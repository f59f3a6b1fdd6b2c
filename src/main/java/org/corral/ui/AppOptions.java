package org.corral.ui;

import java.util.List;

/**
 * Command-line options of the desktop app, for a start in a given state (screenshots, demos):
 * {@code --select CG} selects a cgroup (CLI notation; switches the tree to its hierarchy),
 * {@code --tab cgroups|charts|namespaces}, {@code --compare PID,PID}, {@code --launch} opens the
 * launch dialog ({@code --preset NAME}, {@code --command CMD} filled in), {@code --presentation}, {@code --size WxH};
 * and {@code --interval SECONDS}: how often the tree and the process table are read (as top's and
 * systemd-cgtop's {@code -d}), every {@value #DEFAULT_INTERVAL_MS} ms unless told. The charts are
 * read every second whatever it is.
 */
public record AppOptions(String select, String tab, String compare, boolean launch, String preset, String command, boolean presentation,
                         int width, int height, int intervalMillis) {
    /**
     * The tree and the process table every 2 s: they are the overview (CPU % there is the mean
     * over the interval), the charts are the per-second view of what is selected; reading and
     * redrawing the tree every second costs twice as much (bench/RESULTS.md, row 6).
     */
    public static final int DEFAULT_INTERVAL_MS = 2000;

    public static AppOptions parse(List<String> args) {
        String select = null;
        String tab = null;
        String compare = null;
        boolean launch = false;
        String preset = null;
        String command = null;
        boolean presentation = false;
        int w = 1366;
        int h = 768;
        int interval = DEFAULT_INTERVAL_MS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--select" -> select = value(args, ++i, a);
                case "--tab" -> tab = value(args, ++i, a);
                case "--compare" -> compare = value(args, ++i, a);
                case "--launch" -> launch = true;
                case "--command" -> {
                    launch = true;
                    command = value(args, ++i, a);
                }
                case "--preset" -> {
                    launch = true;
                    preset = value(args, ++i, a);
                }
                case "--presentation" -> presentation = true;
                case "--size" -> {
                    String[] wh = value(args, ++i, a).split("x");
                    try {
                        w = Integer.parseInt(wh[0]);
                        h = Integer.parseInt(wh[1]);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--size takes WIDTHxHEIGHT, e.g. 1366x768");
                    }
                }
                case "--interval" -> interval = intervalMillis(value(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + usage());
            }
        }
        return new AppOptions(select, tab, compare, launch, preset, command, presentation, w, h, interval);
    }

    /** Seconds, a fraction allowed, from 0.5 (reading a large tree takes a while) to 60. */
    private static int intervalMillis(String seconds) {
        double s;
        try {
            s = Double.parseDouble(seconds);
        } catch (NumberFormatException e) {
            s = Double.NaN;
        }
        if (!(s >= 0.5 && s <= 60)) throw new IllegalArgumentException("--interval takes seconds from 0.5 to 60, e.g. 1 or 2.5");
        return (int) Math.round(s * 1000);
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) throw new IllegalArgumentException(opt + " needs a value\n" + usage());
        return args.get(i);
    }

    public static String usage() {
        return "usage: corral-gui [--select CG] [--tab cgroups|charts|namespaces] [--compare PID,PID] [--launch] [--preset NAME] [--command CMD] "
                + "[--presentation] [--size WxH] [--interval SECONDS]";
    }
}
