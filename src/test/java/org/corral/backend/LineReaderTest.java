package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsLinesKeepsEmptyOnesAndTheLastWithoutNewline() throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(b("a\n\nbc\nlast")), 100);
        assertArrayEquals(b("a"), r.next().bytes());
        assertEquals(0, r.next().length());
        assertArrayEquals(b("bc"), r.next().bytes());
        assertArrayEquals(b("last"), r.next().bytes());
        assertNull(r.next());
    }

    @Test
    void anOverLongLineIsDroppedWholeAndTheNextIsReadNormally() throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(new byte[3_000_000]); // NULs, longer than the limit and than any read chunk
        in.write('\n');
        in.write(b("ok\n"));
        LineReader r = new LineReader(new ByteArrayInputStream(in.toByteArray()), 1 << 20);
        LineReader.Line big = r.next();
        assertTrue(big.tooLong());
        assertEquals(3_000_000, big.length());
        assertEquals(0, big.bytes().length, "nothing of it is kept");
        LineReader.Line ok = r.next();
        assertFalse(ok.tooLong());
        assertArrayEquals(b("ok"), ok.bytes());
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() throws IOException {
        byte[] line = new byte[1000];
        java.util.Arrays.fill(line, (byte) 'x');
        LineReader r = new LineReader(new ByteArrayInputStream((new String(line) + "\n" + new String(line) + "y\n").getBytes()), 1000);
        assertFalse(r.next().tooLong());
        assertTrue(r.next().tooLong());
    }

    @Test
    void linesArrivingOneByteAtATimeAreJoined() throws IOException {
        InputStream trickle = new ByteArrayInputStream(b("{\"id\":1}\n{\"id\":2}\n")) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 1));
            }
        };
        LineReader r = new LineReader(trickle, 100);
        assertArrayEquals(b("{\"id\":1}"), r.next().bytes());
        assertArrayEquals(b("{\"id\":2}"), r.next().bytes());
        assertNull(r.next());
    }
}
