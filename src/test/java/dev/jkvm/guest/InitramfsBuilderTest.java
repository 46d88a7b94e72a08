package dev.jkvm.guest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitramfsBuilderTest {
    @Test
    void holdsBusyboxInitModulesTheirOrderAndEarlyDeviceNodes(@TempDir Path dir) throws IOException {
        byte[] busybox = {0x7f, 'E', 'L', 'F', 42};
        List<InitramfsBuilder.Module> modules = List.of(
                new InitramfsBuilder.Module("scsi_mod", new byte[] {1}),
                new InitramfsBuilder.Module("libata", new byte[] {2, 2}));
        Path target = dir.resolve("initramfs.cpio.gz");

        InitramfsBuilder.write(target, InitramfsBuilder.initScript(), busybox, modules);

        Map<String, CpioNewcReader.Entry> entries = CpioNewcReader.readGzip(target);
        assertArrayEquals(busybox, entries.get("bin/busybox").data());
        assertEquals(0755, entries.get("bin/busybox").permissions());
        assertEquals("busybox", entries.get("bin/sh").text());
        assertArrayEquals(InitramfsBuilder.initScript(), entries.get("init").data());
        assertEquals(0100755, entries.get("init").mode());
        assertTrue(entries.get("init").text().startsWith("#!/bin/sh\n"));
        assertEquals("scsi_mod\nlibata\n", entries.get("etc/jkvm/modules").text());
        assertArrayEquals(new byte[] {2, 2}, entries.get("lib/modules/libata.ko").data());
        assertEquals(0020600, entries.get("dev/console").mode());
        assertEquals(List.of(5, 1), List.of(entries.get("dev/console").rdevMajor(), entries.get("dev/console").rdevMinor()));
        assertEquals(List.of(1, 3), List.of(entries.get("dev/null").rdevMajor(), entries.get("dev/null").rdevMinor()));
        for (String mountPoint : List.of("proc", "sys", "dev", "tmp", "root")) {
            assertEquals(0040000, entries.get(mountPoint).type(), mountPoint);
        }
    }
}
