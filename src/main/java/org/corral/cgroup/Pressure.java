package org.corral.cgroup;

/**
 * Pressure stall information, cpu.pressure / memory.pressure / io.pressure (and /proc/pressure/*):
 * <pre>
 * some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * </pre>
 * avgN are percentages of wall time some (or all) tasks were stalled over N seconds; total is
 * microseconds. "full" is absent (null) for cpu on kernels before 5.13.
 */
public record Pressure(Line some, Line full) {

    public record Line(double avg10, double avg60, double avg300, long totalUsec) {}

    public static Pressure parse(String text) {
        Line some = null;
        Line full = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            String[] f = line.split(" ");
            double a10 = 0, a60 = 0, a300 = 0;
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq < 0) continue;
                String k = f[i].substring(0, eq);
                String v = f[i].substring(eq + 1);
                switch (k) {
                    case "avg10" -> a10 = Double.parseDouble(v);
                    case "avg60" -> a60 = Double.parseDouble(v);
                    case "avg300" -> a300 = Double.parseDouble(v);
                    case "total" -> total = Long.parseLong(v);
                    default -> { }
                }
            }
            Line l = new Line(a10, a60, a300, total);
            if (f[0].equals("some")) some = l;
            else if (f[0].equals("full")) full = l;
        }
        if (some == null) throw new IllegalArgumentException("pressure file without a 'some' line");
        return new Pressure(some, full);
    }
}
