package org.corral.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every op's arguments, read strictly: a wrong type is a sentence, never a coercion. */
class FieldsTest {
    private static Fields f(String json) throws Exception {
        JsonNode n = CorralJson.mapper().readTree(json);
        return Fields.of(n);
    }

    private static String bad(String json, java.util.function.Function<Fields, ?> read) throws Exception {
        Fields fields = f(json);
        ProtocolException e = assertThrows(ProtocolException.class, () -> read.apply(fields));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e.getMessage();
    }

    @Test
    void argumentsOfEveryOpAreRead() throws Exception {
        assertEquals(new SetArgs("memory:/a", Map.of("memory.max", "2G")),
                SetArgs.from(f("{\"cgroup\":\"memory:/a\",\"limits\":{\"memory.max\":\"2G\"},\"later\":true}")));
        assertEquals(new MoveArgs("/a", List.of(12, 13), true), MoveArgs.from(f("{\"cgroup\":\"/a\",\"pids\":[12,13],\"threads\":true}")));
        assertEquals(new MoveArgs("/a", List.of(12), false), MoveArgs.from(f("{\"cgroup\":\"/a\",\"pids\":[12]}")));
        assertEquals(new EnableArgs("/a", List.of("+memory", "-cpu")), EnableArgs.from(f("{\"cgroup\":\"/a\",\"changes\":[\"+memory\",\"-cpu\"]}")));
        assertEquals(new UndoArgs(5, false), UndoArgs.from(f("{\"seq\":5}")));
        assertEquals(new JournalArgs(50), JournalArgs.from(f("{}")));
        assertEquals(new HelloArgs(1, null), HelloArgs.from(f("{\"protocol\":1}")));
    }

    @Test
    void wrongTypesAreNamedNotCoerced() throws Exception {
        assertEquals("'cgroup' must be text, e.g. \"/mygroup\" or \"memory:/mygroup\", not a whole number",
                bad("{\"cgroup\":5}", CgroupArgs::from));
        assertEquals("'cgroup' is missing; e.g. \"/mygroup\" or \"memory:/mygroup\"", bad("{}", CgroupArgs::from));
        assertEquals("'cgroup' is missing; e.g. \"/mygroup\" or \"memory:/mygroup\"", bad("{\"cgroup\":null}", CgroupArgs::from));
        assertEquals("'pids' item 1 must be a whole number, not text", bad("{\"cgroup\":\"/a\",\"pids\":[\"12\"]}", MoveArgs::from));
        assertEquals("'pids' must be a list of whole numbers, not a whole number", bad("{\"cgroup\":\"/a\",\"pids\":12}", MoveArgs::from));
        assertEquals("'pids' item 2 must be between 1 and 4194304, not 0", bad("{\"cgroup\":\"/a\",\"pids\":[3,0]}", MoveArgs::from));
        assertEquals("'pids' item 1 must be a whole number, not a fractional number", bad("{\"cgroup\":\"/a\",\"pids\":[1.5]}", MoveArgs::from));
        assertEquals("'pids' item 1 must be between 1 and 4194304, not 99999999999999999999999",
                bad("{\"cgroup\":\"/a\",\"pids\":[99999999999999999999999]}", MoveArgs::from));
        assertEquals("'pids' is empty; give at least one", bad("{\"cgroup\":\"/a\",\"pids\":[]}", MoveArgs::from));
        assertEquals("'threads' must be true or false, not text", bad("{\"cgroup\":\"/a\",\"pids\":[1],\"threads\":\"yes\"}", MoveArgs::from));
        assertEquals("'limits' entry 'memory.max' must be text, e.g. {\"memory.max\": \"2G\"}, not a whole number",
                bad("{\"cgroup\":\"/a\",\"limits\":{\"memory.max\":2}}", SetArgs::from));
        assertEquals("'limits' must be an object, e.g. {\"memory.max\": \"2G\"}, not a list", bad("{\"cgroup\":\"/a\",\"limits\":[]}", SetArgs::from));
        assertEquals("'changes' item 1 must be text, e.g. \"+memory\", not an object", bad("{\"cgroup\":\"/a\",\"changes\":[{}]}", EnableArgs::from));
        assertEquals("'seq' must be a whole number, not true/false", bad("{\"seq\":true}", UndoArgs::from));
        assertEquals("'limit' must be between 1 and 1000, not 5000", bad("{\"limit\":5000}", JournalArgs::from));
        assertEquals("a request must be a JSON object", assertThrows(ProtocolException.class, () -> Fields.of(CorralJson.mapper().readTree("[]"))).getMessage());
    }

    @Test
    void textWithControlCharactersOrHalfSurrogatesIsRefused() throws Exception {
        assertEquals("'cgroup' contains a control character (NUL); none is valid here", bad("{\"cgroup\":\"/a\\u0000b\"}", CgroupArgs::from));
        assertEquals("'cgroup' contains a control character (newline); none is valid here", bad("{\"cgroup\":\"/a\\nb\"}", CgroupArgs::from));
        assertEquals("a key of 'limits' contains a control character (tab); none is valid here",
                bad("{\"cgroup\":\"/a\",\"limits\":{\"memory\\t.max\":\"1\"}}", SetArgs::from));
        assertEquals("'cgroup' contains half of a UTF-16 surrogate pair (\\ud800), which is not a character",
                bad("{\"cgroup\":\"/a\\ud800\"}", CgroupArgs::from));
        assertEquals("/a\ud83d\ude00", CgroupArgs.from(f("{\"cgroup\":\"/a\\ud83d\\ude00\"}")).cgroup(), "a whole pair is a character");
        assertEquals("'cgroup' is too long (9000 characters)", bad("{\"cgroup\":\"" + "a".repeat(9000) + "\"}", CgroupArgs::from));
    }
}
