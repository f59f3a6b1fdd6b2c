package org.corral.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for {@code ps} / {@code ns}: columns padded to their widest cell, last column unpadded. */
final class ProcTextTable {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** Headers; a header starting with '>' is right-aligned (the '>' is not shown). */
    ProcTextTable(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    ProcTextTable row(Object... cells) {
        if (cells.length != headers.length) throw new IllegalArgumentException("expected " + headers.length + " cells");
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = clean(String.valueOf(cells[i]));
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) width[i] = headers[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        printRow(out, headers, width);
        for (String[] r : rows) printRow(out, r, width);
        out.flush();
    }

    private void printRow(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String c = cells[i];
            int pad = width[i] - c.length();
            if (rightAligned[i]) sb.append(" ".repeat(pad)).append(c);
            else sb.append(c).append(last ? "" : " ".repeat(pad));
            if (!last) sb.append(' ');
        }
        out.println(sb);
    }

    /** Control characters (a comm or argument may hold a newline) shown as '?', so one row stays one line. */
    private static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    sb.append(Character.isISOControl(c) ? '?' : c);
                }
                return sb.toString();
            }
        }
        return s;
    }

    /** Bytes as ls -h does: 0, 512B, 9.7K, 12M, 1.5G. */
    static String humanBytes(long bytes) {
        if (bytes < 1024) return bytes == 0 ? "0" : bytes + "B";
        String units = "KMGTPE";
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? org.corral.cgroup.ByteSize.oneDecimal(bytes, 1L << (10 * (u + 1))) : String.valueOf(Math.round(v))) + units.charAt(u);
    }
}
