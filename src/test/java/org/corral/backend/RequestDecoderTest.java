package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Op;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {
    private static RequestDecoder.Refused refused(String line) {
        return refused(line.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestDecoder.Refused refused(byte[] line) {
        return assertThrows(RequestDecoder.Refused.class, () -> RequestDecoder.decode(line));
    }

    @Test
    void aRequestHasAnIdAndAKnownOp() {
        RequestDecoder.Decoded d = RequestDecoder.decode("{\"id\":\"a-1\",\"op\":\"set\",\"cgroup\":\"/x\",\"extra\":[1]}".getBytes());
        assertEquals("a-1", d.id().textValue());
        assertEquals(Op.SET, d.op());
        assertEquals("/x", d.args().text("cgroup", ""));
        assertEquals(7, RequestDecoder.decode("{\"id\":7,\"op\":\"ping\"}".getBytes()).id().longValue());
    }

    @Test
    void whatIsNotARequestIsRefusedInWords() {
        assertEquals("the line is empty; send one JSON object per line", refused("").getMessage());
        assertTrue(refused("{\"id\":1,\"op\":\"ping\"").getMessage().startsWith("the line is not valid JSON"));
        assertTrue(refused("[1,2]").getMessage().contains("must be a JSON object"));
        assertTrue(refused("{\"op\":\"ping\"}").getMessage().contains("has no 'id'"));
        assertTrue(refused("{\"id\":[1],\"op\":\"ping\"}").getMessage().contains("'id' must be"));
        assertTrue(refused("{\"id\":1.5,\"op\":\"ping\"}").getMessage().contains("'id' must be"));
        assertTrue(refused("{\"id\":\"a\\nb\",\"op\":\"ping\"}").getMessage().contains("'id' must be"));
        assertTrue(refused("{\"id\":1,\"op\":5}").getMessage().contains("'op' must be"));
        assertTrue(refused("{\"id\":1,\"op\":\"ping\"} {\"id\":2}").getMessage().contains("more than one JSON value"));
        assertTrue(refused("{\"id\":1,\"op\":\"ping\",\"op\":\"kill\"}").getMessage().contains("Duplicate field 'op'"));
        byte[] nul = "{\"id\":1,\"op\":\"ping\"}\0".getBytes();
        assertTrue(refused(nul).getMessage().contains("NUL byte"));
        byte[] badUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertTrue(refused(badUtf8).getMessage().contains("not valid JSON"), refused(badUtf8).getMessage());
    }

    @Test
    void anUnknownOpIsRefusedWithItsIdAndTheOpsThatExist() {
        RequestDecoder.Refused r = refused("{\"id\":9,\"op\":\"rm -rf /\"}");
        assertEquals(ErrorCode.UNKNOWN_OP, r.code());
        assertEquals(9, r.id().intValue());
        assertTrue(r.getMessage().contains("'rm -rf /' is not an operation") && r.getMessage().contains("hello, ping, create"), r.getMessage());
    }

    @Test
    void deepNestingAndHugeValuesAreRefusedCheaply() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals("the request is nested more than 8 levels deep; requests need 2", refused(deep).getMessage());
        String deepObject = "{\"id\":1,\"op\":\"set\",\"limits\":" + "{\"a\":".repeat(50) + "1" + "}".repeat(51);
        assertTrue(refused(deepObject).getMessage().contains("nested"));
        String longText = "{\"id\":1,\"op\":\"create\",\"cgroup\":\"" + "a".repeat(100_000) + "\"}";
        RequestDecoder.Decoded d = RequestDecoder.decode(longText.getBytes());
        assertEquals(1, d.id().intValue(), "a long text still lets the answer carry the id");
        assertEquals("'cgroup' is too long (100000 characters)",
                assertThrows(org.corral.protocol.ProtocolException.class, () -> org.corral.protocol.CgroupArgs.from(d.args())).getMessage());
        String manyTokens = "{\"id\":1,\"op\":\"ping\",\"x\":[" + "1,".repeat(30_000) + "1]}";
        assertTrue(refused(manyTokens).getMessage().startsWith("the request is too large"), refused(manyTokens).getMessage());
        String longNumber = "{\"id\":1,\"op\":\"ping\",\"x\":" + "9".repeat(1000) + "}";
        assertTrue(refused(longNumber).getMessage().startsWith("the request is too large"), refused(longNumber).getMessage());
    }

    @Test
    void errorTextEchoesNoRawControlCharacters() {
        String m = RequestDecoder.printable("a\u0000b\nc\ud800", 100);
        assertEquals("a\\u0000b\\u000ac\\ud800", m);
    }
}
