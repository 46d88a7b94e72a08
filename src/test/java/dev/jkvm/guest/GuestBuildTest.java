package dev.jkvm.guest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds the real default guest from Debian's archive: downloads about 70 MB. */
@Tag("guest-build")
class GuestBuildTest {
    @TempDir
    Path cacheRoot;
    @TempDir
    Path workDir;

    @Test
    void buildsFromDebianPackagesThenIsANoOpUntilForced() throws IOException {
        HostTools.require("apt-get", "the default guest is built from Debian packages");
        GuestCache cache = new GuestCache(cacheRoot);
        GuestBuilder builder = new GuestBuilder(cache, DebianPackages.fromEnvironment(), workDir);

        GuestCache.DefaultGuest guest = builder.build(false);

        assertEquals(guest, cache.current());
        assertTrue(Files.size(guest.kernel()) > 5_000_000, "a bzImage");
        GuestManifest manifest = GuestManifest.read(guest.kernel().resolveSibling(GuestCache.MANIFEST)).orElseThrow();
        List<String> order = manifest.moduleOrder();
        assertTrue(order.containsAll(GuestBuilder.MODULES), order.toString());
        assertTrue(order.indexOf("libata") < order.indexOf("ata_piix"), order.toString());
        assertTrue(order.indexOf("virtio_ring") < order.indexOf("virtio_pci"), order.toString());
        assertTrue(order.indexOf("net_failover") < order.indexOf("virtio_net"), order.toString());

        Map<String, CpioNewcReader.Entry> initramfs = CpioNewcReader.readGzip(guest.initramfs());
        assertEquals(String.join("\n", order) + "\n", initramfs.get("etc/jkvm/modules").text());
        for (String module : order) {
            byte[] object = initramfs.get("lib/modules/" + module + ".ko").data();
            assertEquals(module, ModInfo.parse(object, module).name().map(KernelModules::canonicalName).orElse(module));
        }
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(initramfs.get("bin/busybox").data(), 4));
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList(), "downloads are deleted");
        }

        FileTime built = Files.getLastModifiedTime(guest.initramfs());
        assertEquals(guest, builder.build(false));
        assertEquals(built, Files.getLastModifiedTime(guest.initramfs()), "an up-to-date guest is not rebuilt");
    }
}
