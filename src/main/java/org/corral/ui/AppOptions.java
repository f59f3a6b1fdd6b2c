package org.corral.ui;

import java.util.List;

/**
 * Command-line options of the desktop app, for a start in a given state (screenshots, demos):
 * {@code --select CG} selects a cgroup (CLI notation; switches the tree to its hierarchy),
 * {@code --tab cgroups|charts|namespaces}, {@code --compare PID,PID}, {@code --launch} opens the
 * launch dialog ({@code --preset NAME}, {@code --command CMD} filled in), {@code --presentation}, {@code --size WxH}.
 */
public record AppOptions(String select, String tab, String compare, boolean launch, String preset, String command, boolean presentation,
                         int width, int height) {

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
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + usage());
            }
        }
        return new AppOptions(select, tab, compare, launch, preset, command, presentation, w, h);
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) throw new IllegalArgumentException(opt + " needs a value\n" + usage());
        return args.get(i);
    }

    public static String usage() {
        return "usage: corral-gui [--select CG] [--tab cgroups|charts|namespaces] [--compare PID,PID] [--launch] [--preset NAME] [--command CMD] "
                + "[--presentation] [--size WxH]";
    }
}
