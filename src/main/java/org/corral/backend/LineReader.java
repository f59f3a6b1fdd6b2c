package org.corral.backend;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines of at most {@code maxBytes} bytes without ever holding more:
 * the rest of an over-long line is read and dropped, so one hostile line costs no memory and
 * the next line is read normally. (BufferedReader.readLine would grow without bound.)
 */
final class LineReader {
    /** One line, without its newline; {@code length} is the full length, also when dropped. */
    record Line(byte[] bytes, long length, boolean tooLong) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int end;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at end of input. A last line without a newline counts as a line. */
    Line next() throws IOException {
        int kept = 0;
        long length = 0;
        while (true) {
            if (pos == end) {
                end = in.read(chunk);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return length == 0 ? null : done(kept, length);
                }
            }
            int nl = pos;
            while (nl < end && chunk[nl] != '\n') nl++;
            int n = nl - pos;
            if (length + n <= maxBytes) {
                if (kept + n > line.length) line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, kept + n)));
                System.arraycopy(chunk, pos, line, kept, n);
                kept += n;
            }
            length += n;
            pos = nl;
            if (nl < end) {
                pos++; // the newline
                return done(kept, length);
            }
        }
    }

    private Line done(int kept, long length) {
        boolean tooLong = length > maxBytes;
        return new Line(tooLong ? new byte[0] : Arrays.copyOf(line, kept), length, tooLong);
    }
}
