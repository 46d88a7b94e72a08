package dev.jkvm.compare;

import dev.jkvm.cli.ExitStatus;
import dev.jkvm.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    private record Result(int status, String out, String err) {}

    private static Result jkvm(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            return new Result(Main.execute(args), o.toString(), e.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpDocumentsEveryOptionWithAnExample() {
        Result r = jkvm("compare", "--help");
        assertEquals(0, r.status());
        for (String option : new String[]{"--accel", "--size", "--packets", "--random-reads", "--json", "--svg", "--keep", "--timeout"}) {
            int at = r.out().indexOf(option);
            assertTrue(at >= 0, option + " missing from help:\n" + r.out());
            int next = r.out().indexOf("\n  -", at + 1);
            String entry = r.out().substring(at, next < 0 ? r.out().length() : next);
            assertTrue(entry.contains("Example:"), option + " has no example: " + entry);
        }
        assertTrue(r.out().contains("jkvm compare disk"), r.out());
        assertTrue(r.out().contains("jkvm compare net"), r.out());
    }

    @Test
    void schemaPrintsTheJsonSchema() {
        Result r = jkvm("compare", "schema");
        assertEquals(0, r.status(), r.err());
        assertEquals(JsonReport.schema(), r.out());
    }

    @Test
    void badOptionsGetOneLine() {
        Result size = jkvm("compare", "disk", "--size", "0");
        assertEquals(ExitStatus.VMM_ERROR, size.status());
        assertEquals("jkvm: --size 0: expected 1 to 4096 MiB", size.err().strip());
        Result what = jkvm("compare", "gpu");
        assertEquals(ExitStatus.VMM_ERROR, what.status());
        assertEquals("jkvm: compare 'gpu': expected disk, net or schema", what.err().strip());
        assertEquals(2, jkvm("compare", "net", "--accel", "xen").status(), "picocli usage errors exit with 2");
    }
}
