package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianPackagesTest {
    @TempDir
    Path dir;

    @Test
    void withoutAptTheBuildSaysSoInOneLineAndPointsToKernelAndInitrd() {
        GuestBuilder builder = new GuestBuilder(new GuestCache(dir.resolve("cache")), new DebianPackages(dir.toString()), dir);

        VmmException e = assertThrows(VmmException.class, () -> builder.build(false));

        assertTrue(e.getMessage().startsWith("apt-cache not found: "), e.getMessage());
        assertTrue(e.getMessage().contains("jkvm run --kernel FILE --initrd FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve("cache")));
    }

    @Test
    void aFailingToolIsReportedWithItsLastErrorLine() throws Exception {
        for (String tool : new String[] {"apt-cache", "apt-get", "dpkg-deb", "tar"}) {
            Path script = Files.writeString(dir.resolve(tool),
                    "#!/bin/sh\necho 'W: Download is performed unsandboxed' >&2\necho 'E: No packages found' >&2\n"
                            + "echo 'W: a trailing warning' >&2\nexit 100\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        DebianPackages packages = new DebianPackages(dir.toString());

        VmmException e = assertThrows(VmmException.class, () -> packages.describe(java.util.List.of("busybox-static")));

        assertEquals(dir.resolve("apt-cache") + " show --no-all-versions busybox-static failed (exit 100): E: No packages found",
                e.getMessage());
    }
}
