package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcCmdlineTest {

    @Test
    void nulSeparatedArguments() {
        assertEquals(List.of("sleep", "600"), ProcCmdline.parse(bytes(UNSHARED, "cmdline")));
        List<String> init = ProcCmdline.parse(bytes(INIT, "cmdline"));
        assertEquals("/process_api", init.get(0));
        assertEquals("--auth-required", init.get(init.size() - 1));
    }

    @Test
    void argumentsKeepSpacesAndParentheses() {
        List<String> args = ProcCmdline.parse(bytes(A_PAREN_B, "cmdline"));
        assertEquals(2, args.size());
        assertTrue(args.get(0).endsWith("/a) b"), args.get(0));
    }

    @Test
    void kernelThreadsAndZombiesHaveNone() {
        assertEquals(List.of(), ProcCmdline.parse(bytes(KTHREADD, "cmdline")));
        assertEquals(List.of(), ProcCmdline.parse(bytes(ZOMBIE, "cmdline")));
    }

    @Test
    void emptyArgumentsAndARewrittenArgvWithoutFinalNul() {
        assertEquals(List.of("a", "", "b"), ProcCmdline.parse("a\0\0b\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("nginx: worker process"), ProcCmdline.parse("nginx: worker process".getBytes(StandardCharsets.UTF_8)));
    }
}
