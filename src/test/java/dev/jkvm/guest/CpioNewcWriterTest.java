package dev.jkvm.guest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpioNewcWriterTest {
    private static byte[] sampleArchive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioNewcWriter cpio = new CpioNewcWriter(out)) {
            cpio.directory("bin", 0755);
            cpio.file("bin/hello", 0755, "echo hi\n".getBytes(StandardCharsets.UTF_8));
            cpio.file("odd", 0644, new byte[] {1, 2, 3, 4, 5});
            cpio.symlink("bin/sh", "busybox");
            cpio.characterDevice("console", 0600, 5, 1);
        }
        return out.toByteArray();
    }

    @Test
    void entriesReadBackWithTypesModesAndContent() throws IOException {
        Map<String, CpioNewcReader.Entry> entries = CpioNewcReader.read(sampleArchive());

        assertEquals(List.of("bin", "bin/hello", "odd", "bin/sh", "console"), List.copyOf(entries.keySet()));
        assertEquals(0040000, entries.get("bin").type());
        assertEquals(2, entries.get("bin").links());
        assertEquals(0100000, entries.get("bin/hello").type());
        assertEquals(0755, entries.get("bin/hello").permissions());
        assertEquals("echo hi\n", entries.get("bin/hello").text());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, entries.get("odd").data());
        assertEquals(0120000, entries.get("bin/sh").type());
        assertEquals("busybox", entries.get("bin/sh").text());
        CpioNewcReader.Entry console = entries.get("console");
        assertEquals(0020600, console.mode());
        assertEquals(5, console.rdevMajor());
        assertEquals(1, console.rdevMinor());
    }

    @Test
    void sameEntriesGiveTheSameBytes() throws IOException {
        assertArrayEquals(sampleArchive(), sampleArchive());
    }

    @Test
    void rejectsAbsoluteAndEmptyPaths() {
        CpioNewcWriter cpio = new CpioNewcWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> cpio.directory("/etc", 0755));
        assertThrows(IllegalArgumentException.class, () -> cpio.file("", 0644, new byte[0]));
    }

    @Test
    void systemCpioListsTheArchive(@TempDir Path dir) throws Exception {
        Path cpioTool = HostTools.require("cpio", "cannot cross-check the archive with the system cpio (apt-get install cpio)");
        Path archive = Files.write(dir.resolve("sample.cpio"), sampleArchive());

        Process process = new ProcessBuilder(cpioTool.toString(), "-t", "-v", "--quiet", "-F", archive.toString())
                .redirectErrorStream(true).start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), listing);
        List<String> lines = listing.lines().toList();
        assertEquals(5, lines.size(), listing);
        assertTrue(lines.get(0).startsWith("drwxr-xr-x") && lines.get(0).endsWith(" bin"), listing);
        assertTrue(lines.get(1).startsWith("-rwxr-xr-x") && lines.get(1).endsWith(" bin/hello"), listing);
        assertTrue(lines.get(3).startsWith("lrwxrwxrwx") && lines.get(3).endsWith(" bin/sh -> busybox"), listing);
        assertTrue(lines.get(4).startsWith("crw-------") && lines.get(4).contains(" 5,   1 ") && lines.get(4).endsWith(" console"), listing);
    }
}
