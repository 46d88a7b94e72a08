package dev.jkvm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliContractTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private static Result jkvm(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int status = Main.execute(args);
            return new Result(status, o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void runHelpDocumentsEveryOptionWithAnExample() {
        Result r = jkvm("run", "--help");
        assertEquals(0, r.status());
        for (String option : new String[]{"--kernel", "--initrd", "--append", "--run", "--memory", "--cpus", "--accel",
                "--disk", "--nic", "--console", "--stats-json"}) {
            int at = r.out().indexOf(option);
            assertTrue(at >= 0, option + " missing from help");
            int next = r.out().indexOf("\n  -", at + 1);
            String entry = r.out().substring(at, next < 0 ? r.out().length() : next);
            assertTrue(entry.contains("Example:"), option + " has no example: " + entry);
        }
    }

    @Test
    void aTextFileIsNotAKernel() {
        Result r = jkvm("run", "--kernel", "/etc/passwd");
        assertEquals(ExitStatus.VMM_ERROR, r.status());
        assertTrue(r.err().contains("/etc/passwd: not a Linux kernel image"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> !l.contains(" INFO ")).count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionsGetOneLine() {
        Result r = jkvm("run", "--memory", "huge");
        assertEquals(ExitStatus.VMM_ERROR, r.status());
        assertEquals("jkvm: --memory 'huge': expected a size such as 512M or 2G", r.err().strip());
        Result missing = jkvm("run", "--kernel", dir.resolve("nope").toString());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(2, jkvm("run", "--accel", "xen").status(), "picocli usage errors exit with 2");
    }
}
