package org.corral.cgroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * io.max (v2), "nested keyed", one line per device that has a limit:
 * <pre>
 * 8:16 rbps=2097152 wbps=max riops=max wiops=120
 * </pre>
 * A value of "max" means no limit. Writing "8:16 wbps=max" clears one key.
 */
public record IoMax(List<Device> devices) {

    /** One device's limits; a missing key or "max" is represented as null (no limit). */
    public record Device(int major, int minor, Long rbps, Long wbps, Long riops, Long wiops) {
        public String kernelValue() {
            return major + ":" + minor + " rbps=" + v(rbps) + " wbps=" + v(wbps)
                    + " riops=" + v(riops) + " wiops=" + v(wiops);
        }

        private static String v(Long x) {
            return x == null ? "max" : Long.toString(x);
        }
    }

    public static IoMax parse(String text) {
        List<Device> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            out.add(parseLine(line));
        }
        return new IoMax(List.copyOf(out));
    }

    /**
     * One line as the kernel writes it or a person types it: "MAJ:MIN key=value ...", where a
     * value may be "max" or, for bps, a size ("10M").
     */
    public static Device parseLine(String line) {
        String[] f = line.strip().split("\\s+");
        String[] mm = f[0].split(":");
        try {
            if (mm.length != 2 || f.length < 2) throw new NumberFormatException();
            Map<String, Long> kv = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq < 0) throw new NumberFormatException();
                String k = f[i].substring(0, eq);
                String v = f[i].substring(eq + 1);
                if (!List.of("rbps", "wbps", "riops", "wiops").contains(k)) throw new NumberFormatException();
                kv.put(k, v.equals("max") ? null : (k.endsWith("bps") ? ByteSize.parse(v) : Long.parseLong(v)));
            }
            return new Device(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]), kv.get("rbps"),
                    kv.get("wbps"), kv.get("riops"), kv.get("wiops"));
        } catch (NumberFormatException | InvalidValueException e) {
            throw new InvalidValueException("io.max: '" + line
                    + "' is not an io limit; use e.g. '8:16 wbps=10M riops=max' (keys rbps wbps riops wiops)");
        }
    }
}
